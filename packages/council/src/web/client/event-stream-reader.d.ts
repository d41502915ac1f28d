// Served from @trama/server (`eventStreamClientFiles`), whose src/client/event-stream-reader.js is type-checked there.
/** One event: its name (`message` when it has none), its id, and its data parsed as JSON. */
export interface StreamEvent {
  event: string;
  id?: string;
  data: unknown;
}
/** Calls `onEvent` for each event of `body`, in order (events split across reads delivered whole). */
export function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<void>;
