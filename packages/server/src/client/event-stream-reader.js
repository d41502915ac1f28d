// @ts-check
/**
 * Reads a response body of server-sent events incrementally. Bytes are decoded as a stream (a UTF-8 character split
 * across two network reads stays whole) and fed to eventsource-parser, which keeps an unfinished line or event until
 * the rest arrives: an event split at any byte is delivered once, whole, in order.
 * @module
 */
import { createParser } from "./vendor-eventsource-parser.js";

/**
 * @typedef {{ event: string, id?: string, data: unknown }} StreamEvent
 * One event: its name (`message` when it has none), its id, and its data parsed as JSON.
 */

/**
 * Calls `onEvent` for each event of `body`, in order, and resolves when the body ends. Data that is not JSON is
 * passed as an `error` event naming the problem, rather than lost.
 * @param {ReadableStream<Uint8Array>} body
 * @param {(event: StreamEvent) => void} onEvent
 * @returns {Promise<void>}
 */
export async function readEventStream(body, onEvent) {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent(message) {
      let data;
      try {
        data = JSON.parse(message.data);
      } catch {
        onEvent({
          event: "error",
          data: { message: `The server sent an event that is not JSON: ${message.data.slice(0, 80)}` },
        });
        return;
      }
      onEvent({ event: message.event ?? "message", ...(message.id === undefined ? {} : { id: message.id }), data });
    },
  });
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}
