import { TramaError } from "@trama/core";
import type { Context } from "hono";

/** One server-sent event. `data` is sent as JSON, on one line. */
export interface ServerSentEvent {
  /** The event's name (`event:` field); without it the client sees a `message`. No line breaks. */
  event?: string;
  /** The event's id (`id:` field); no line breaks. */
  id?: string | number;
  /** Any JSON-serializable value. */
  data: unknown;
}

/** The writing side of an event stream, handed to the function that produces the events. */
export interface EventStream {
  /** Writes one event as a single chunk, so a reader never sees part of it followed by another write. False once closed. */
  send(event: ServerSentEvent): boolean;
  /** Writes a comment line (`: text`), ignored by readers; used for heartbeats. False once closed. */
  comment(text: string): boolean;
  /** Aborted when the client goes away, the server shuts down, or `close` is called: stop producing then. */
  readonly signal: AbortSignal;
  /** Whether the stream has ended. */
  readonly closed: boolean;
  /** Ends the stream. */
  close(): void;
}

/** Options of `streamEvents`. */
export interface EventStreamOptions {
  /** How often a comment line is sent while nothing else is, so proxies and browsers keep the connection. Default 15 s. */
  heartbeatMs?: number;
  /** Ends the stream when aborted: the app's `context.signal`, so shutdown closes open streams. */
  signal?: AbortSignal;
}

const encoder = new TextEncoder();

function checkField(name: string, value: string): string {
  if (/[\r\n]/.test(value))
    throw new TramaError(`A server-sent event's ${name} cannot contain a line break: ${JSON.stringify(value)}.`);
  return value;
}

/**
 * The text of one server-sent event, ending with its blank line. The data is JSON, which never holds a raw line
 * break, so it is always one `data:` line.
 */
export function formatServerSentEvent(event: ServerSentEvent): string {
  let text = "";
  if (event.event !== undefined) text += `event: ${checkField("name", event.event)}\n`;
  if (event.id !== undefined) text += `id: ${checkField("id", String(event.id))}\n`;
  return `${text}data: ${JSON.stringify(event.data ?? null)}\n\n`;
}

/**
 * Answers a request with a stream of server-sent events that `produce` writes. Each event goes out as one chunk;
 * a heartbeat comment keeps an idle connection open; the stream ends when `produce` returns, the client disconnects
 * or `options.signal` aborts. If `produce` throws, an `error` event `{ code, message }` is the stream's last event.
 */
export function streamEvents(
  context: Context,
  produce: (stream: EventStream) => Promise<void>,
  options: EventStreamOptions = {},
): Response {
  const stop = new AbortController();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const write = (text: string): boolean => {
    if (closed) return false;
    controller.enqueue(encoder.encode(text));
    return true;
  };
  const close = (reason = "The event stream was closed.") => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stop.abort(new TramaError(reason));
    try {
      controller.close();
    } catch {
      // Already cancelled by the reader.
    }
  };
  const stream: EventStream = {
    send: (event) => write(formatServerSentEvent(event)),
    comment: (text) => write(`: ${text.replace(/[\r\n]+/g, " ")}\n\n`),
    signal: stop.signal,
    get closed() {
      return closed;
    },
    close: () => close(),
  };

  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      // The client went away.
      closed = true;
      clearInterval(heartbeat);
      stop.abort(new TramaError("The client closed the event stream."));
    },
  });

  const watch = (signal: AbortSignal | undefined, reason: string) => {
    if (signal === undefined) return;
    if (signal.aborted) close(reason);
    else signal.addEventListener("abort", () => close(reason), { once: true, signal: stop.signal });
  };
  watch(context.req.raw.signal, "The client closed the event stream.");
  watch(options.signal, "The server is shutting down.");
  heartbeat = setInterval(() => stream.comment("heartbeat"), options.heartbeatMs ?? 15_000);
  heartbeat.unref?.();

  queueMicrotask(async () => {
    try {
      await produce(stream);
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      stream.send({ event: "error", data: { code: TramaError.isInstance(error) ? "failed" : "internal", message } });
    } finally {
      close();
    }
  });

  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
