import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.CouncilFileError");

/** A council file is wrong: the message starts with `file:line:` and says how to fix it. */
export class CouncilFileError extends TramaError {
  readonly [marker] = true;
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${message}`);
  }
  static override isInstance(error: unknown): error is CouncilFileError {
    return hasMarker(error, marker);
  }
}
