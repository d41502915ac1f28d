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

  /**
   * The error every store gives: `store` (its kind and where, "SQLite store ./docs.db") met `stored` ids already
   * there and `repeated` ids given twice in one write. The first five ids are named.
   */
  static refusing(store: string, stored: readonly string[], repeated: ReadonlySet<string>): DuplicateDocumentError {
    const ids = [...new Set([...stored, ...repeated])];
    const listed = ids
      .slice(0, 5)
      .map((id) => `'${id}'`)
      .join(", ");
    const more = ids.length > 5 ? ` and ${ids.length - 5} more` : "";
    const what = [stored.length ? "already stored" : "", repeated.size ? "repeated in this write" : ""];
    return new DuplicateDocumentError(
      `${store}: ${listed}${more} ${what.filter(Boolean).join(" or ")}; nothing was written. Write with policy 'skip' or 'overwrite' to keep or replace them.`,
      ids,
    );
  }
}

/** The distinct ids of a write, and those that appear more than once in it. */
export function batchIds(documents: readonly { id: string }[]): { distinct: Set<string>; repeated: Set<string> } {
  const distinct = new Set<string>();
  const repeated = new Set<string>();
  for (const { id } of documents) (distinct.has(id) ? repeated : distinct).add(id);
  return { distinct, repeated };
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
