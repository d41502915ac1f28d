import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.ConversationStoreError");

/**
 * The conversation database cannot be opened, read or written: a folder that cannot be created, a file written by a
 * newer Trama, a disk that is full, a conversation that does not exist. The message names the file and what to do; a
 * failed write leaves the stored conversations as they were.
 */
export class ConversationStoreError extends TramaError {
  readonly [marker] = true;
  static override isInstance(error: unknown): error is ConversationStoreError {
    return hasMarker(error, marker);
  }
}
