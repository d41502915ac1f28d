import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.FusionError");

/**
 * The fusion cannot do what it was asked: a glossary that cannot be read, sources that cannot be merged, an
 * evaluation input that is missing. The message names the file or input at fault and what to do.
 */
export class FusionError extends TramaError {
  readonly [marker] = true;

  static override isInstance(error: unknown): error is FusionError {
    return hasMarker(error, marker);
  }
}
