/**
 * Errors of document stores. Each names the store and the part at fault, and says what to do.
 * @module
 */
import { hasMarker, TramaError } from "@trama/core";

const filterMarker = Symbol.for("trama.error.FilterError");
/**
 * A filter is malformed: an unknown operator or field, a value of the wrong kind for its operator, a logical operator
 * without conditions. `path` locates the bad part (`filters.conditions[1].value`); the message names it too.
 */
export class FilterError extends TramaError {
  readonly [filterMarker] = true;
  constructor(
    /** What is wrong, without the path. */
    readonly reason: string,
    readonly path: string,
    /** The kind of store that refused the filter, when known. */
    readonly store?: string,
  ) {
    super(`${store ? `The ${store} store refused the filter` : "Invalid filter"} at ${path}: ${reason}`);
  }
  static override isInstance(error: unknown): error is FilterError {
    return hasMarker(error, filterMarker);
  }
}

const duplicateMarker = Symbol.for("trama.error.DuplicateDocumentError");
/** A write with the `fail` policy met ids that are already stored (or repeated in the batch); nothing was written. */
export class DuplicateDocumentError extends TramaError {
  readonly [duplicateMarker] = true;
  constructor(
    message: string,
    readonly ids: readonly string[],
  ) {
    super(message);
  }
  static override isInstance(error: unknown): error is DuplicateDocumentError {
    return hasMarker(error, duplicateMarker);
  }
}

const storeMarker = Symbol.for("trama.error.DocumentStoreError");
/**
 * A store cannot do what was asked: a file it cannot read or write, an embedding of the wrong dimension, a search it
 * does not support, a shorthand it does not know, a missing optional package. The message names the store and the fix.
 */
export class DocumentStoreError extends TramaError {
  readonly [storeMarker] = true;
  static override isInstance(error: unknown): error is DocumentStoreError {
    return hasMarker(error, storeMarker);
  }
}
