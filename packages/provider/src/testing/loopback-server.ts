/**
 * Loopback HTTP servers for provider tests: real HTTP on 127.0.0.1, started and stopped by the test, answering with
 * real-shaped bodies, server-sent events, NDJSON streams and faults (error statuses with Retry-After, a connection
 * cut mid-stream, a malformed chunk). Nothing here mocks Trama's own code.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the server received, body parsed as JSON when it is JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Path and query string, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server on a free loopback port. `handler` may be a function or `{ "POST /path": handler }`. */
export async function startLoopbackServer(
  handler: Handler | Record<string, Handler | Handler[]>,
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, Handler[]>();
  const dispatch: Handler =
    typeof handler === "function"
      ? handler
      : (request, response) => {
          const key = `${request.method} ${request.path}`;
          const route = handler[key];
          if (route === undefined) return sendJson(response, 404, { error: { message: `no route for ${key}` } });
          if (typeof route === "function") return route(request, response);
          // A list of handlers answers successive requests; the last one repeats.
          const queue = queues.get(key) ?? [...route];
          queues.set(key, queue);
          return (queue.length > 1 ? queue.shift()! : queue[0]!)(request, response);
        };
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer(async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    const request: RecordedRequest = {
      method: incoming.method ?? "GET",
      path: (incoming.url ?? "/").split("?")[0]!,
      url: incoming.url ?? "/",
      headers: incoming.headers,
      body,
    };
    requests.push(request);
    try {
      await dispatch(request, response);
    } catch (error) {
      if (!response.headersSent)
        sendJson(response, 500, { error: { message: `test handler failed: ${String(error)}` } });
      else response.destroy();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** One server-sent event: an object (sent as JSON data), raw text data, a named event, or a comment. */
export type SSEItem = object | string | { event: string; data: unknown } | { comment: string };

export interface StreamOptions {
  /** Pause between items, in milliseconds (0 sends them as fast as possible). */
  delayMs?: number;
  /** Destroy the connection after this many items, without ending the response. */
  cutAfter?: number;
}

/** Streams server-sent events; a string item is sent as raw data (`"[DONE]"`, or malformed JSON). */
export async function sendEvents(
  response: ServerResponse,
  items: SSEItem[],
  options: StreamOptions = {},
): Promise<void> {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  await writeItems(response, items.map(formatEvent), options);
}

/** Server-sent events as one piece of text, as `sendEvents` would write them, for a handler that writes them at once. */
export function eventStreamText(items: SSEItem[]): string {
  return items.map(formatEvent).join("");
}

/** Streams newline-delimited JSON (Ollama's native streams). */
export async function sendJsonLines(
  response: ServerResponse,
  items: Array<object | string>,
  options: StreamOptions = {},
): Promise<void> {
  response.writeHead(200, { "content-type": "application/x-ndjson" });
  await writeItems(
    response,
    items.map((item) => `${typeof item === "string" ? item : JSON.stringify(item)}\n`),
    options,
  );
}

function formatEvent(item: SSEItem): string {
  if (typeof item === "string") return `data: ${item}\n\n`;
  if ("comment" in item && Object.keys(item).length === 1) return `: ${(item as { comment: string }).comment}\n\n`;
  if ("event" in item && "data" in item && Object.keys(item).length === 2) {
    const named = item as { event: string; data: unknown };
    return `event: ${named.event}\ndata: ${typeof named.data === "string" ? named.data : JSON.stringify(named.data)}\n\n`;
  }
  return `data: ${JSON.stringify(item)}\n\n`;
}

async function writeItems(response: ServerResponse, chunks: string[], options: StreamOptions): Promise<void> {
  for (let index = 0; index < chunks.length; index++) {
    if (options.cutAfter !== undefined && index === options.cutAfter) {
      response.socket?.destroy();
      return;
    }
    response.write(chunks[index]);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  }
  if (options.cutAfter !== undefined && options.cutAfter >= chunks.length) {
    response.socket?.destroy();
    return;
  }
  response.end();
}
