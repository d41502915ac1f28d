/**
 * One streaming client per library, all reading the same loopback server. `client.create(server)` returns
 * `stream(mode)`, which streams one response and resolves to `{ ttfd, total, deltas }`: milliseconds from the call to
 * the first non-empty text delta the caller sees, milliseconds until the caller's loop ends (every part consumed),
 * and how many non-empty text deltas it saw — checked against the server's count, so every client really parsed
 * everything. Libraries are imported inside `create`, so one that fails to load only makes its own rows "n/a".
 *
 * `server` is `{ origin: "http://127.0.0.1:PORT" }`; `mode` is `{ model: "burst-200", count: 200 }`.
 *
 * Peer versions (bench/package.json): the newest releases that run on Node 20, the project's minimum. `openai` 7,
 * `ai` 7 with `@ai-sdk/openai-compatible` 3, and `@langchain/openai` from 1.5.9 (which needs `openai` 7) declare
 * Node >= 22, so the bench pins `openai` ^6, `ai` ^6 with `@ai-sdk/openai-compatible` ^2, and `@langchain/openai`
 * 1.5.8; `ollama` declares no engine.
 */

export const PROMPT = "Say something.";
const API_KEY = "bench-key";

/** Counts text deltas and notes when the first one arrived. */
export function tally(start) {
  return {
    ttfd: undefined,
    deltas: 0,
    text(text) {
      if (!text) return;
      if (this.deltas++ === 0) this.ttfd = performance.now() - start;
    },
    done(mode) {
      const total = performance.now() - start;
      if (this.deltas !== mode.count) throw new Error(`saw ${this.deltas} of ${mode.count} text deltas`);
      return { ttfd: this.ttfd, total, deltas: this.deltas };
    },
  };
}

const openAIBody = (model) =>
  JSON.stringify({
    model,
    messages: [{ role: "user", content: PROMPT }],
    stream: true,
    stream_options: { include_usage: true },
  });

/** The baseline: `fetch` and a minimal hand-written SSE line parser (`data:` lines only, `[DONE]` ends). */
async function rawSSE(origin, mode) {
  const start = performance.now();
  const count = tally(start);
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${API_KEY}` },
    body: openAIBody(mode.model),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let done = false;
  while (!done) {
    const read = await reader.read();
    if (read.done) break;
    buffer += decoder.decode(read.value, { stream: true });
    let from = 0;
    for (let newline = buffer.indexOf("\n", from); newline !== -1; newline = buffer.indexOf("\n", from)) {
      const line = buffer.slice(from, newline);
      from = newline + 1;
      if (!line.startsWith("data:")) continue;
      const data = line.slice(line.charCodeAt(5) === 32 ? 6 : 5);
      if (data === "[DONE]") {
        done = true;
        break;
      }
      count.text(JSON.parse(data).choices[0]?.delta?.content);
    }
    buffer = buffer.slice(from);
  }
  if (!done) await reader.cancel();
  return count.done(mode);
}

/** The NDJSON baseline: `fetch` and a minimal line parser; the `done: true` line ends. */
async function rawNDJSON(origin, mode) {
  const start = performance.now();
  const count = tally(start);
  const response = await fetch(`${origin}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: mode.model, messages: [{ role: "user", content: PROMPT }], stream: true }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const read = await reader.read();
    if (read.done) break;
    buffer += decoder.decode(read.value, { stream: true });
    let from = 0;
    for (let newline = buffer.indexOf("\n", from); newline !== -1; newline = buffer.indexOf("\n", from)) {
      const line = buffer.slice(from, newline);
      from = newline + 1;
      if (line) count.text(JSON.parse(line).message?.content);
    }
    buffer = buffer.slice(from);
  }
  return count.done(mode);
}

/** Trama's generators for one server, built once per model as an application would, on an unthrottled endpoint. */
async function tramaGenerators(makeModel, endpointOf) {
  const { ChatGenerator, setEndpointConcurrency } = await import("@trama/models");
  const { ChatMessage, Pipeline } = await import("@trama/core");
  const messages = [ChatMessage.user(PROMPT)];
  const generators = new Map();
  const generatorFor = (mode) => {
    let entry = generators.get(mode.model);
    if (!entry) {
      const model = makeModel(mode.model);
      // Loopback endpoints default to one call at a time; the bench runs one stream at a time anyway, and a wider
      // limit keeps the semaphore from ever making a stream wait for the previous one's release.
      setEndpointConcurrency(endpointOf(model), 64);
      const generator = new ChatGenerator({ model, maxRetries: 0 });
      const pipeline = new Pipeline().add("llm", new ChatGenerator({ model, maxRetries: 0 }));
      entry = { generator, pipeline };
      generators.set(mode.model, entry);
    }
    return entry;
  };
  return {
    /** `ChatGenerator.stream()`, called directly. */
    direct: async (mode) => {
      const { generator } = generatorFor(mode);
      const start = performance.now();
      const count = tally(start);
      for await (const part of generator.stream(messages)) if (part.type === "text-delta") count.text(part.text);
      return count.done(mode);
    },
    /** The generator as a pipeline component, its parts read as `node-chunk` events of `pipeline.stream()`. */
    pipeline: async (mode) => {
      const { pipeline } = generatorFor(mode);
      const start = performance.now();
      const count = tally(start);
      for await (const event of pipeline.stream({ llm: { messages } })) {
        if (event.type === "node-chunk" && event.chunk.type === "text-delta") count.text(event.chunk.text);
      }
      return count.done(mode);
    },
  };
}

async function tramaOpenAICompatible(origin) {
  const { openAICompatible } = await import("@trama/openai-compatible");
  return tramaGenerators(
    (modelId) => openAICompatible(modelId, { baseURL: `${origin}/v1` }),
    (model) => model.endpoint,
  );
}

async function tramaOllama(origin) {
  let ollama;
  try {
    ({ ollama } = await import("@trama/ollama"));
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new Error("@trama/ollama is not built yet (no packages/ollama/dist)");
  }
  if (typeof ollama !== "function") throw new Error("@trama/ollama has no `ollama` factory yet");
  return tramaGenerators(
    (modelId) => ollama(modelId, { baseURL: origin }),
    (model) => model.endpoint,
  );
}

/** Lazily shared between the direct and the pipeline clients of one provider. */
function shared(build) {
  const builds = new Map();
  return (origin) => {
    if (!builds.has(origin)) builds.set(origin, build(origin));
    return builds.get(origin);
  };
}
const tramaSSE = shared(tramaOpenAICompatible);
const tramaNDJSON = shared(tramaOllama);

/**
 * The clients. `protocol` says which server route they read; `library` names the npm packages whose version is shown
 * and whose import time is measured (`imports`: what an application imports to use this client).
 */
export const clients = [
  {
    name: "raw fetch + SSE line parser",
    protocol: "sse",
    baseline: true,
    library: [],
    imports: [],
    create:
      async ({ origin }) =>
      (mode) =>
        rawSSE(origin, mode),
  },
  {
    name: "Trama ChatGenerator.stream()",
    protocol: "sse",
    trama: "direct",
    library: [],
    imports: ["@trama/models", "@trama/openai-compatible"],
    create: async ({ origin }) => (await tramaSSE(origin)).direct,
  },
  {
    name: "Trama in a pipeline (node-chunk)",
    protocol: "sse",
    trama: "pipeline",
    library: [],
    imports: ["@trama/core", "@trama/models", "@trama/openai-compatible"],
    create: async ({ origin }) => (await tramaSSE(origin)).pipeline,
  },
  {
    name: "openai SDK",
    protocol: "sse",
    library: ["openai"],
    imports: ["openai"],
    create: async ({ origin }) => {
      const { default: OpenAI } = await import("openai");
      const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: API_KEY, maxRetries: 0 });
      return async (mode) => {
        const start = performance.now();
        const count = tally(start);
        const stream = await client.chat.completions.create({
          model: mode.model,
          messages: [{ role: "user", content: PROMPT }],
          stream: true,
          stream_options: { include_usage: true },
        });
        for await (const chunk of stream) count.text(chunk.choices[0]?.delta?.content);
        return count.done(mode);
      };
    },
  },
  {
    name: "Vercel AI SDK streamText",
    protocol: "sse",
    library: ["ai", "@ai-sdk/openai-compatible"],
    imports: ["ai", "@ai-sdk/openai-compatible"],
    create: async ({ origin }) => {
      const { streamText } = await import("ai");
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      const provider = createOpenAICompatible({
        name: "bench",
        baseURL: `${origin}/v1`,
        apiKey: API_KEY,
        includeUsage: true,
      });
      return async (mode) => {
        const start = performance.now();
        const count = tally(start);
        const result = streamText({ model: provider(mode.model), prompt: PROMPT, maxRetries: 0 });
        for await (const text of result.textStream) count.text(text);
        return count.done(mode);
      };
    },
  },
  {
    name: "LangChain.js ChatOpenAI.stream()",
    protocol: "sse",
    library: ["@langchain/openai", "@langchain/core"],
    imports: ["@langchain/openai"],
    create: async ({ origin }) => {
      const { ChatOpenAI } = await import("@langchain/openai");
      const models = new Map();
      return async (mode) => {
        let model = models.get(mode.model);
        if (!model) {
          model = new ChatOpenAI({
            model: mode.model,
            apiKey: API_KEY,
            configuration: { baseURL: `${origin}/v1` },
            maxRetries: 0,
            streamUsage: true,
          });
          models.set(mode.model, model);
        }
        const start = performance.now();
        const count = tally(start);
        for await (const chunk of await model.stream([["human", PROMPT]])) {
          count.text(typeof chunk.content === "string" ? chunk.content : chunk.text);
        }
        return count.done(mode);
      };
    },
  },
  {
    name: "raw fetch + NDJSON line parser",
    protocol: "ndjson",
    baseline: true,
    library: [],
    imports: [],
    create:
      async ({ origin }) =>
      (mode) =>
        rawNDJSON(origin, mode),
  },
  {
    name: "Trama Ollama ChatGenerator.stream()",
    protocol: "ndjson",
    trama: "direct",
    library: [],
    imports: ["@trama/models", "@trama/ollama"],
    create: async ({ origin }) => (await tramaNDJSON(origin)).direct,
  },
  {
    name: "Trama Ollama in a pipeline (node-chunk)",
    protocol: "ndjson",
    trama: "pipeline",
    library: [],
    imports: ["@trama/core", "@trama/models", "@trama/ollama"],
    create: async ({ origin }) => (await tramaNDJSON(origin)).pipeline,
  },
  {
    name: "ollama client",
    protocol: "ndjson",
    library: ["ollama"],
    imports: ["ollama"],
    create: async ({ origin }) => {
      const { Ollama } = await import("ollama");
      const client = new Ollama({ host: origin });
      return async (mode) => {
        const start = performance.now();
        const count = tally(start);
        const stream = await client.chat({
          model: mode.model,
          messages: [{ role: "user", content: PROMPT }],
          stream: true,
        });
        for await (const part of stream) count.text(part.message?.content);
        return count.done(mode);
      };
    },
  },
];
