import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.TranscriptSearchError");

/**
 * Something the transcripts search cannot do as asked: a post it cannot index, a store without the search needed, a
 * question without a model. The message names the post, store or option and says what to do.
 */
export class TranscriptSearchError extends TramaError {
  readonly [marker] = true;

  static override isInstance(error: unknown): error is TranscriptSearchError {
    return hasMarker(error, marker);
  }
}
