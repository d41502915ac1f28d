import { request as httpRequest } from "node:http";
import { TramaError } from "@trama/core";
import { afterEach, describe, expect, it } from "vitest";
import { type EventStream, formatServerSentEvent, streamEvents } from "./event-stream.js";
import { type RunningServer, startServer } from "./start-server.js";
import type { TramaApp } from "./trama-app.js";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** An app with one event-stream route whose producer the test supplies. */
async function serveStream(produce: (stream: EventStream) => Promise<void>, heartbeatMs = 15_000) {
  const app: TramaApp = {
    name: "events",
    title: "Events",
    mount(routes, context) {
      routes.get("/stream", (request) => streamEvents(request, produce, { heartbeatMs, signal: context.signal }));
    },
  };
  const server = await startServer({ apps: [app], port: 0, log: () => {} });
  running.push(server);
  return server;
}

/** Reads an event stream's body chunk by chunk, as the network delivered it; `until` may end the read early. */
function readChunks(url: string, until?: (text: string) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    const request = httpRequest(url, (response) => {
      expect(response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        chunks.push(chunk);
        if (until?.(chunks.join(""))) {
          request.destroy();
          resolve(chunks);
        }
      });
      response.on("end", () => resolve(chunks));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("formatServerSentEvent", () => {
  it("writes the name, the id and the data as one JSON line, whatever the data holds", () => {
    expect(formatServerSentEvent({ event: "delta", id: 7, data: { text: "a\nb\r\n\nc" } })).toBe(
      'event: delta\nid: 7\ndata: {"text":"a\\nb\\r\\n\\nc"}\n\n',
    );
    expect(formatServerSentEvent({ data: "plain" })).toBe('data: "plain"\n\n');
    expect(() => formatServerSentEvent({ event: "a\nb", data: 1 })).toThrow(TramaError);
    expect(() => formatServerSentEvent({ event: "a\nb", data: 1 })).toThrow(/name cannot contain a line break/);
  });
});

describe("streamEvents", () => {
  it("writes every event as one chunk, never split and never mixed with another write", async () => {
    const server = await serveStream(async (stream) => {
      for (let index = 0; index < 50; index++) {
        stream.send({ event: "delta", id: index, data: { text: `token ${index} `.repeat(index) } });
        if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    const chunks = await readChunks(`${server.url}events/stream`);
    for (const chunk of chunks) expect(chunk.endsWith("\n\n")).toBe(true);
    const events = chunks.join("").split("\n\n").filter(Boolean);
    expect(events).toHaveLength(50);
    expect(events[3]).toBe(`event: delta\nid: 3\ndata: ${JSON.stringify({ text: "token 3 ".repeat(3) })}`);
  });

  it("sends heartbeats while idle, and aborts the producer's signal when the client goes away", async () => {
    let resolveAborted!: (reason: unknown) => void;
    const aborted = new Promise((resolve) => {
      resolveAborted = resolve;
    });
    const server = await serveStream(async (stream) => {
      stream.send({ event: "ready", data: {} });
      await new Promise((resolve) => stream.signal.addEventListener("abort", resolve));
      resolveAborted(stream.signal.reason);
      expect(stream.send({ event: "late", data: {} })).toBe(false);
    }, 5);
    const chunks = await readChunks(`${server.url}events/stream`, (text) => text.includes(": heartbeat\n\n"));
    expect(chunks[0]).toBe("event: ready\ndata: {}\n\n");
    expect(String(await aborted)).toMatch(/client closed the event stream/);
  });

  it("ends with an error event when the producer throws", async () => {
    const server = await serveStream(async (stream) => {
      stream.send({ data: 1 });
      throw new TramaError("The council 'x' failed: no members answered.");
    });
    const text = (await readChunks(`${server.url}events/stream`)).join("");
    expect(text).toBe(
      'data: 1\n\nevent: error\ndata: {"code":"failed","message":"The council \'x\' failed: no members answered."}\n\n',
    );
  });

  it("ends open streams when the server shuts down", async () => {
    let producerSawAbort = false;
    const server = await serveStream(async (stream) => {
      stream.send({ event: "ready", data: {} });
      await new Promise((resolve) => stream.signal.addEventListener("abort", resolve));
      producerSawAbort = true;
    });
    let closing: Promise<void> | undefined;
    const chunks = await readChunks(`${server.url}events/stream`, (text) => {
      if (text.includes("ready")) closing ??= server.close();
      return false;
    });
    await closing;
    expect(chunks.join("")).toBe("event: ready\ndata: {}\n\n");
    expect(producerSawAbort).toBe(true);
  });
});
