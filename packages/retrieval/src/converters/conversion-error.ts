import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.ConversionError");

/**
 * A source could not be read or converted: a missing or unreadable file, bytes that are not valid text, a malformed
 * PDF, invalid front matter, a missing optional parser. The message names the file (or the stream) and why, and what
 * to do; `source` holds the file path or the stream's description.
 */
export class ConversionError extends TramaError {
  readonly [marker] = true;
  /** The file path, or the stream's description. */
  readonly source: string;
  /** Why, without the source: for lists of failures that name the source themselves. */
  readonly reason: string;

  constructor(reason: string, options: { source: string; cause?: unknown }) {
    super(`Cannot convert ${options.source}: ${reason}`, { cause: options.cause });
    this.source = options.source;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is ConversionError {
    return hasMarker(error, marker);
  }
}
