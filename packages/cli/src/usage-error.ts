import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.UsageError");

/** The command line is wrong: an unknown option, a missing argument. The CLI prints it with the command's usage. */
export class UsageError extends TramaError {
  readonly [marker] = true;
  static override isInstance(error: unknown): error is UsageError {
    return hasMarker(error, marker);
  }
}
