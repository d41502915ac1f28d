/**
 * A loopback chat server for the streaming benchmark, run as its own process so that its work never shares the
 * measured event loop. `node stream-server.js` listens on 127.0.0.1 at a free port and prints `{"port":N}` on stdout.
 *
 * - `POST /v1/chat/completions`: OpenAI-style server-sent events (a role chunk, N `chat.completion.chunk` content
 *   deltas of a few characters, a finish chunk, a usage chunk, `data: [DONE]`).
 * - `POST /api/chat`: Ollama-style NDJSON (N content lines, then a `done: true` line with the counts).
 *
 * The request's model name chooses the mode: `burst-200` writes the whole body in one write; `paced-20` writes one
 * content chunk per millisecond (the first at once, on absolute times so that timer drift does not add up). Bodies
 * are built once per model name and cached, so the server's own cost stays out of what the clients measure.
 */
import { createServer } from "node:http";

const CREATED = 1_700_000_000;

/** `burst-200` → { mode: "burst", count: 200 }. */
function parseModel(model) {
  const match = /^(burst|paced)-(\d+)$/.exec(String(model));
  return match ? { mode: match[1], count: Number(match[2]) } : undefined;
}

/** The text of content delta `index`: a few characters, different each time, as tokens are. */
const deltaText = (index) => ` w${index}`;

function sseFrames(model, count) {
  const id = "chatcmpl-bench0000000000000000000000";
  const chunk = (choices, extra = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: CREATED, model, system_fingerprint: "fp_bench", choices, ...extra })}\n\n`;
  const head = chunk([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]);
  const deltas = Array.from({ length: count }, (_, index) =>
    chunk([{ index: 0, delta: { content: deltaText(index) }, logprobs: null, finish_reason: null }]),
  );
  const tail =
    chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }]) +
    chunk([], { usage: { prompt_tokens: 12, completion_tokens: count, total_tokens: 12 + count } }) +
    "data: [DONE]\n\n";
  return { head, deltas, tail };
}

function ndjsonFrames(model, count) {
  const createdAt = "2025-01-01T00:00:00.000000Z";
  const line = (object) => `${JSON.stringify(object)}\n`;
  const deltas = Array.from({ length: count }, (_, index) =>
    line({ model, created_at: createdAt, message: { role: "assistant", content: deltaText(index) }, done: false }),
  );
  const tail = line({
    model,
    created_at: createdAt,
    message: { role: "assistant", content: "" },
    done: true,
    done_reason: "stop",
    total_duration: 1_000_000,
    load_duration: 1000,
    prompt_eval_count: 12,
    prompt_eval_duration: 1000,
    eval_count: count,
    eval_duration: 1_000_000,
  });
  return { head: "", deltas, tail };
}

const protocols = {
  "/v1/chat/completions": { contentType: "text/event-stream; charset=utf-8", frames: sseFrames },
  "/api/chat": { contentType: "application/x-ndjson", frames: ndjsonFrames },
};

/** Per path and model: the whole body as one buffer (burst), and the writes of the paced mode as buffers. */
const cache = new Map();
function bodiesFor(path, model, count) {
  const key = `${path} ${model}`;
  let bodies = cache.get(key);
  if (!bodies) {
    const { head, deltas, tail } = protocols[path].frames(model, count);
    const paced = deltas.map((delta, index) => Buffer.from(index === 0 ? head + delta : delta));
    paced.push(Buffer.from(tail));
    bodies = { whole: Buffer.from(head + deltas.join("") + tail), paced };
    cache.set(key, bodies);
  }
  return bodies;
}

/** Connections accepted so far: `GET /stats` tells, so the bench can see which clients reuse connections. */
let connections = 0;

const server = createServer({ noDelay: true, keepAliveTimeout: 120_000 }, (request, response) => {
  if (request.method === "GET" && request.url === "/stats") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ connections }));
    return;
  }
  const protocol = protocols[request.url];
  if (request.method !== "POST" || !protocol) {
    response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    return;
  }
  const parts = [];
  request.on("data", (part) => parts.push(part));
  request.on("end", () => {
    let model;
    try {
      model = JSON.parse(Buffer.concat(parts).toString()).model;
    } catch {}
    const mode = parseModel(model);
    if (!mode) {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `unknown model '${model}': use burst-N or paced-N` } }));
      return;
    }
    const bodies = bodiesFor(request.url, model, mode.count);
    response.writeHead(200, { "content-type": protocol.contentType, "cache-control": "no-cache" });
    if (mode.mode === "burst") {
      response.end(bodies.whole);
      return;
    }
    // Paced: write k at start + k ms; the tail (finish, usage, [DONE] / done line) 1 ms after the last delta.
    const start = performance.now();
    let next = 0;
    const writeDue = () => {
      if (response.destroyed) return;
      while (next < bodies.paced.length && performance.now() - start >= next) response.write(bodies.paced[next++]);
      if (next === bodies.paced.length) response.end();
      else setTimeout(writeDue, Math.max(0, start + next - performance.now()));
    };
    writeDue();
  });
});

server.on("connection", () => connections++);

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

// Stops with its parent: on a signal, on a "stop" message over IPC, or when the IPC channel closes.
const stop = () => {
  server.closeAllConnections?.();
  server.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("message", (message) => message === "stop" && stop());
process.on("disconnect", stop);
