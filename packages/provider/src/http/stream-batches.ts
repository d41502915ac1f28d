/**
 * The two rules every streaming provider follows when it turns network reads into batches of parts:
 * the first delta goes out on its own, and the body is read to its end after the end marker.
 * @module
 */
import type { ChatStreamPart } from "../chat-model/chat-stream-part.js";

/** Where the first text, reasoning or tool-call delta of `parts` is, looking from `from` on; -1 when there is none. */
export function firstDeltaIndex(parts: readonly ChatStreamPart[], from: number): number {
  for (let index = from; index < parts.length; index++) {
    const { type } = parts[index]!;
    if (type === "text-delta" || type === "reasoning-delta" || type === "tool-call-delta") return index;
  }
  return -1;
}

/** How long the body may take to end once the stream's end marker has arrived. */
export const END_GRACE_MS = 50;

/**
 * How reading past the end marker went: the body `ended` (or failed, which no longer matters: the response is
 * complete), `more` data came instead, or nothing happened within `END_GRACE_MS` and the read is still `pending`.
 */
export type BodyEnd = "ended" | "more" | "pending";

/**
 * Reads on after the stream's end marker, so that the body ends and its reader finishes rather than being cancelled
 * (a cancel costs undici an exception, and the connection its reuse). A server that keeps the connection open cannot
 * hang the call: after the next read, or `END_GRACE_MS` without one, the caller stops. When the read is left
 * `pending`, `reads.return()` waits for it: the caller must not await it then. When `more` data came, it is returned.
 */
export async function readToEnd<Item>(reads: AsyncIterator<Item>): Promise<{ end: BodyEnd; more?: Item }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"pending">((resolve) => {
    timer = setTimeout(resolve, END_GRACE_MS, "pending");
  });
  try {
    const read = await Promise.race([reads.next(), late]);
    if (read === "pending") return { end: read };
    return read.done ? { end: "ended" } : { end: "more", more: read.value };
  } catch {
    return { end: "ended" };
  } finally {
    clearTimeout(timer);
  }
}

/** Ends `reads` when the consumer or the stream stops: at once, or once a read left `pending` settles. */
export async function stopReading(reads: AsyncGenerator<unknown>, end: BodyEnd | undefined): Promise<void> {
  if (end === "pending") void reads.return(undefined).catch(() => {});
  else await reads.return(undefined);
}

/** How a provider turns the items of its stream (server-sent events, NDJSON lines) into parts. */
export interface StreamMapper<Item> {
  /** Adds the parts of one item to `parts`; returns true when the item is the stream's end marker. */
  read(item: Item, parts: ChatStreamPart[]): boolean;
  /** The last parts when the body ends without an end marker, or throws when that means the stream was cut. */
  bodyEnded(): ChatStreamPart[];
  /**
   * True when data after the end marker means the stream goes on (Gemini marks the last chunk with a finishReason,
   * and some proxies mark earlier ones too): it is then read like any other; otherwise reading stops there.
   */
  readonly endMayContinue?: boolean;
  /** Parts to add once the end is confirmed (for mappers that cannot tell at the end marker itself). */
  ended?(): ChatStreamPart[];
}

/**
 * A provider's stream as batches of parts, one per network read, following the two rules: the first delta goes out
 * on its own, and after the end marker the body is read to its end. Parts built before a failure arrive before it.
 */
export async function* mapStream<Item>(
  reads: AsyncGenerator<Item[]>,
  mapper: StreamMapper<Item>,
  signal?: AbortSignal,
): AsyncGenerator<ChatStreamPart[]> {
  let deltaSent = false;
  let end: BodyEnd | undefined;
  try {
    let read = await reads.next();
    while (!read.done) {
      signal?.throwIfAborted();
      let parts: ChatStreamPart[] = [];
      let done = false;
      try {
        for (const item of read.value) {
          const from = parts.length;
          done = mapper.read(item, parts);
          if (!deltaSent) {
            const at = firstDeltaIndex(parts, from);
            if (at >= 0) {
              // The first delta goes out before the rest of the read is turned into parts.
              deltaSent = true;
              const first = parts;
              parts = first.splice(at + 1);
              yield first;
            }
          }
          if (done) break;
        }
      } catch (error) {
        if (parts.length) yield parts;
        throw error;
      }
      if (!done) {
        if (parts.length) yield parts;
        read = await reads.next();
        continue;
      }
      const after = await readToEnd(reads);
      if (after.end === "more" && mapper.endMayContinue) {
        // Not the end after all: keep the parts for now and read on.
        if (parts.length) yield parts;
        read = { done: false, value: after.more! };
        continue;
      }
      end = after.end;
      if (mapper.ended) parts.push(...mapper.ended());
      if (parts.length) yield parts;
      return;
    }
    const last = mapper.bodyEnded();
    if (last.length) yield last;
  } finally {
    await stopReading(reads, end);
  }
}
