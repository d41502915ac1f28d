/**
 * The provider-independent generation layer, exercised through a real provider (`@trama/openai-compatible`) against
 * loopback servers: retries, time limits, endpoint limits, streaming in pipelines, cancellation, fallback, agents,
 * embedders.
 */
import { ChatMessage, ComponentRegistry, Document, Pipeline, PipelineAbortedError, Secret } from "@trama/core";
import { openAICompatible, openai } from "@trama/openai-compatible";
import { ProviderError, setEndpointConcurrency } from "@trama/provider";
import { type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { components } from "../components.js";
import { defineTool } from "../tools/tool.js";
import { completion, embeddingsResponse, textChunks, toolCallCompletion } from "./__fixtures__/openai-shapes.js";
import { Agent } from "./agent.js";
import { ChatGenerator } from "./chat-generator.js";
import { DocumentEmbedder, TextEmbedder } from "./embedders.js";
import { AllGeneratorsFailedError, FallbackChatGenerator } from "./fallback-chat-generator.js";

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Parameters<typeof startLoopbackServer>[0]) {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}
const model = (server: LoopbackServer, modelId = "test-model") =>
  openAICompatible(modelId, { baseURL: `${server.url}/v1` });
const question = [ChatMessage.user("What is the capital of France?")];

describe("ChatGenerator", () => {
  it("retries a 429 after the time Retry-After asks, then answers", async () => {
    const server = await serve({
      "POST /v1/chat/completions": [
        (_request, response) =>
          sendJson(
            response,
            429,
            { error: { message: "Rate limit reached", type: "requests" } },
            { "retry-after-ms": "20" },
          ),
        (_request, response) => sendJson(response, 200, completion("Paris.")),
      ],
    });
    const generator = new ChatGenerator({ model: model(server) });
    const response = await generator.generate(question);
    expect(response.message.text).toBe("Paris.");
    expect(server.requests).toHaveLength(2);
  });

  it("gives up on a 4xx at once, naming provider, model, status and message", async () => {
    const server = await serve({
      "POST /v1/chat/completions": (_request, response) =>
        sendJson(response, 400, { error: { message: "Invalid 'messages'" } }),
    });
    const error = await new ChatGenerator({ model: model(server) }).generate(question).catch((caught) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe("openai-compatible (test-model): HTTP 400: Invalid 'messages'");
    expect(server.requests).toHaveLength(1);
  });

  it("times out a call that takes too long", async () => {
    const server = await serve({ "POST /v1/chat/completions": () => new Promise(() => {}) });
    const error = await new ChatGenerator({ model: model(server), timeoutMs: 50, maxRetries: 0 })
      .generate(question)
      .catch((caught) => caught);
    expect(error.message).toBe(
      "openai-compatible (test-model): did not finish within 50 ms. Raise timeoutMs, or check that the server is not overloaded.",
    );
    expect(error.isRetryable).toBe(true);
  });

  it("never sends more calls at once to an endpoint than its limit", async () => {
    let active = 0;
    let peak = 0;
    const server = await serve({
      "POST /v1/chat/completions": async (_request, response) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active--;
        sendJson(response, 200, completion("ok"));
      },
    });
    const generator = new ChatGenerator({ model: model(server) });
    await Promise.all([1, 2, 3].map(() => generator.generate(question)));
    expect(peak).toBe(1);
    setEndpointConcurrency(`${server.url}/v1`, 3);
    await Promise.all([1, 2, 3].map(() => generator.generate(question)));
    expect(peak).toBe(3);
  });

  it("streams tokens as pipeline events when the pipeline is streamed, and returns the whole reply", async () => {
    const server = await serve({
      "POST /v1/chat/completions": (_request, response) => sendEvents(response, textChunks(["Pa", "ris", "."])),
    });
    const pipeline = new Pipeline().add("llm", new ChatGenerator({ model: model(server) }));
    const deltas: string[] = [];
    const stream = pipeline.stream({ llm: { messages: question } });
    for await (const event of stream)
      if (event.type === "node-chunk" && event.chunk.type === "text-delta") deltas.push(String(event.chunk.text));
    expect(deltas).toEqual(["Pa", "ris", "."]);
    const reply = (await stream.result).llm?.replies?.[0];
    expect(reply?.text).toBe("Paris.");
    expect(reply?.meta).toMatchObject({
      provider: "openai-compatible",
      finishReason: "stop",
      usage: { inputTokens: 10, outputTokens: 3 },
    });
    expect(server.requests[0]!.body.stream).toBe(true);
    // Not streamed: one plain call.
    await pipeline.run({ llm: { messages: question } }).catch(() => {});
    expect(server.requests[1]!.body.stream).toBeUndefined();
  });

  it("cancels a streaming call when the pipeline run is cancelled", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const server = await serve({
      "POST /v1/chat/completions": async (_request, response) => {
        response.on("close", closed);
        await sendEvents(response, textChunks(Array.from({ length: 200 }, () => "x")), { delayMs: 5 });
      },
    });
    const controller = new AbortController();
    const stream = new Pipeline()
      .add("llm", new ChatGenerator({ model: model(server) }))
      .stream({ llm: { messages: question } }, { signal: controller.signal });
    let seen = 0;
    const consumed = (async () => {
      for await (const event of stream)
        if (event.type === "node-chunk" && ++seen === 3) controller.abort(new Error("stop"));
    })();
    await expect(consumed).rejects.toThrow(PipelineAbortedError);
    await connectionClosed;
    expect(seen).toBeLessThan(50);
  });

  it("recreates itself from a saved pipeline, keys saved by variable name", async () => {
    const server = await serve({
      "POST /v1/chat/completions": (_request, response) => sendJson(response, 200, completion("Paris.")),
    });
    const pipeline = new Pipeline().add(
      "llm",
      new ChatGenerator({
        model: `openai-compatible:${server.url}/v1#test-model`,
        modelOptions: { apiKey: Secret.fromEnv("TRAMA_TEST_KEY", { strict: false }) },
        temperature: 0,
      }),
    );
    const yaml = pipeline.toYAML();
    expect(yaml).toContain(`model: openai-compatible:${server.url}/v1#test-model`);
    expect(yaml).toContain("TRAMA_TEST_KEY");
    const loaded = Pipeline.fromYAML(yaml, { registry: new ComponentRegistry(components) });
    const result = await loaded.run({ llm: { messages: question } });
    expect((result.llm as { replies: ChatMessage[] }).replies[0]!.text).toBe("Paris.");
    expect(server.requests[0]!.body.temperature).toBe(0);
  });
});

describe("saving generators built from a model instance", () => {
  it("keeps the instance's options, so the loaded pipeline reaches the same server", async () => {
    const server = await serve({
      "POST /v1/chat/completions": (_request, response) => sendJson(response, 200, completion("Paris.")),
    });
    process.env.TRAMA_TEST_KEY = "test-key";
    const instance = openai("instance-model", {
      baseURL: `${server.url}/v1`,
      apiKey: Secret.fromEnv("TRAMA_TEST_KEY"),
    });
    const pipeline = new Pipeline().add("llm", new ChatGenerator({ model: instance }));
    const yaml = pipeline.toYAML();
    expect(yaml).not.toContain("test-key");
    const loaded = Pipeline.fromYAML(yaml, { registry: new ComponentRegistry(components) });
    const result = await loaded.run({ llm: { messages: question } });
    expect((result.llm as { replies: ChatMessage[] }).replies[0]!.text).toBe("Paris.");
    expect(server.requests[0]!.body.model).toBe("instance-model");
    delete process.env.TRAMA_TEST_KEY;
  });
});

describe("FallbackChatGenerator", () => {
  /** A fallback whose first generator's server refuses the key and whose second answers `answer`. */
  async function brokenThenWorking(answer: string) {
    const broken = await serve({
      "POST /v1/chat/completions": (_request, response) =>
        sendJson(response, 401, { error: { message: "Incorrect API key" } }),
    });
    const working = await serve({
      "POST /v1/chat/completions": (_request, response) => sendJson(response, 200, completion(answer)),
    });
    const fallback = new FallbackChatGenerator({
      generators: [{ model: model(broken, "primary") }, { model: model(working, "secondary") }],
    });
    return { broken, fallback };
  }

  it("moves on to the next generator when one fails, and reports every failure when all do", async () => {
    const { broken, fallback } = await brokenThenWorking("Paris.");
    const result = await new Pipeline().add("llm", fallback).run({ llm: { messages: question } });
    const reply = result.llm?.replies?.[0] as ChatMessage;
    expect(reply.text).toBe("Paris.");
    expect(reply.meta.fallbackIndex).toBe(1);
    const allBroken = new FallbackChatGenerator({
      generators: [{ model: model(broken, "a") }, { model: model(broken, "b") }],
    });
    const error = await new Pipeline()
      .add("llm", allBroken)
      .run({ llm: { messages: question } })
      .catch((caught) => caught);
    expect(error.cause).toBeInstanceOf(AllGeneratorsFailedError);
    expect(error.message).toContain("1. openai-compatible (a): HTTP 401: Incorrect API key");
    expect(error.message).toContain("2. openai-compatible (b): HTTP 401: Incorrect API key");
  });

  it("answers outside a pipeline too (generate), as rankers and judges call it", async () => {
    const { fallback } = await brokenThenWorking("Rome.");
    const { message, finishReason } = await fallback.generate(question);
    expect(message.text).toBe("Rome.");
    expect(finishReason.unified).toBe("stop");
    expect(message.meta.fallbackIndex).toBe(1);
    expect(String((message.meta.fallbackErrors as string[])[0])).toContain("HTTP 401: Incorrect API key");
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(fallback.generate(question, { signal: cancelled.signal })).rejects.not.toBeInstanceOf(
      AllGeneratorsFailedError,
    );
  });
});

describe("Agent", () => {
  it("calls tools in parallel, feeds results back with shared state, and stops at a text answer", async () => {
    const server = await serve({
      "POST /v1/chat/completions": [
        (_request, response) =>
          sendJson(
            response,
            200,
            toolCallCompletion([
              { id: "call_1", name: "weather", arguments: { city: "Paris" } },
              { id: "call_2", name: "weather", arguments: { city: "Rome" } },
            ]),
          ),
        (_request, response) => sendJson(response, 200, completion("Paris 18°C, Rome 24°C.")),
      ],
    });
    const weather = defineTool<{ city: string }>({
      name: "weather",
      description: "Current temperature of a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      invoke: ({ city }, { state }) => {
        state.lookups = ((state.lookups as number) ?? 0) + 1;
        return { city, celsius: city === "Paris" ? 18 : 24 };
      },
    });
    const agent = new Agent({ generator: { model: model(server) }, tools: [weather], systemPrompt: "Use the tools." });
    const result = await new Pipeline()
      .add("agent", agent)
      .run({ agent: { messages: [ChatMessage.user("Weather in Paris and Rome?")] } });
    expect(result.agent?.stopReason).toBe("text");
    expect((result.agent!.lastMessage as ChatMessage).text).toBe("Paris 18°C, Rome 24°C.");
    expect(result.agent?.state).toEqual({ lookups: 2 });
    const second = server.requests[1]!.body;
    expect(second.tools[0].function.name).toBe("weather");
    expect(second.messages.map((message: { role: string }) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "tool",
    ]);
    expect(second.messages[3]).toMatchObject({
      role: "tool",
      tool_call_id: "call_1",
      content: '{"city":"Paris","celsius":18}',
    });
  });

  it("tells the model about a failing tool, and stops after maxSteps", async () => {
    const server = await serve({
      "POST /v1/chat/completions": (_request, response) =>
        sendJson(response, 200, toolCallCompletion([{ id: "c", name: "flaky", arguments: {} }])),
    });
    const flaky = defineTool({
      name: "flaky",
      parameters: { type: "object", properties: {} },
      invoke: () => {
        throw new Error("service down");
      },
    });
    const result = await new Pipeline()
      .add("agent", new Agent({ generator: { model: model(server) }, tools: [flaky], maxSteps: 2 }))
      .run({ agent: { messages: [ChatMessage.user("go")] } });
    expect(result.agent?.stopReason).toBe("max-steps");
    const messages = result.agent?.messages as ChatMessage[];
    expect(messages.filter((message) => message.role === "tool").map((message) => message.toolResults[0])).toEqual([
      { type: "tool-result", callId: "c", name: "flaky", result: "Error: service down", isError: true },
      { type: "tool-result", callId: "c", name: "flaky", result: "Error: service down", isError: true },
    ]);
  });
});

describe("embedders", () => {
  it("embed documents in batches, in order, with progress", async () => {
    const server = await serve({
      "POST /v1/embeddings": (request, response) =>
        sendJson(response, 200, embeddingsResponse((request.body.input as string[]).map((text) => [text.length, 1]))),
    });
    const embedder = new DocumentEmbedder({
      model: openAICompatible.embedding("e", { baseURL: `${server.url}/v1` }),
      batchSize: 2,
      metaFields: ["title"],
    });
    const documents = ["a", "bb", "ccc", "dddd", "eeeee"].map(
      (content) => new Document({ content, meta: { title: "T" } }),
    );
    const progress: string[] = [];
    const stream = new Pipeline().add("embed", embedder).stream({ embed: { documents } });
    for await (const event of stream)
      if (event.type === "node-chunk") progress.push(`${event.chunk.done}/${event.chunk.total}`);
    const embedded = (await stream.result).embed?.documents as Document[];
    expect(progress).toEqual(["2/5", "4/5", "5/5"]);
    expect(server.requests.map((request) => request.body.input)).toEqual([
      ["T\na", "T\nbb"],
      ["T\nccc", "T\ndddd"],
      ["T\neeeee"],
    ]);
    expect(embedded.map((document) => document.embedding)).toEqual([
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 1],
    ]);
    expect(embedded[0]!.id).toBe(documents[0]!.id);
  });

  it("embed one text with a prefix", async () => {
    const server = await serve({
      "POST /v1/embeddings": (_request, response) => sendJson(response, 200, embeddingsResponse([[0.5, 0.5]])),
    });
    const result = await new Pipeline()
      .add(
        "embed",
        new TextEmbedder({
          model: openAICompatible.embedding("e", { baseURL: `${server.url}/v1` }),
          prefix: "query: ",
        }),
      )
      .run({ embed: { text: "capital of France" } });
    expect(result.embed?.embedding).toEqual([0.5, 0.5]);
    expect(server.requests[0]!.body.input).toEqual(["query: capital of France"]);
  });
});

describe("StreamCollector", () => {
  it("keeps numbered reasoning blocks apart, with their signatures, before text and tool calls", async () => {
    const { StreamCollector } = await import("../generation/generate-chat.js");
    const collector = new StreamCollector({ provider: "p", modelId: "m" } as never);
    const parts = [
      { type: "reasoning-delta", text: "first ", block: 0 },
      { type: "reasoning-delta", text: "thought", block: 0 },
      { type: "reasoning-delta", text: "", signature: "sig-0", block: 0 },
      { type: "reasoning-delta", text: "", signature: "encrypted", redacted: true, block: 1 },
      { type: "text-delta", text: "answer" },
      { type: "tool-call", call: { type: "tool-call", id: "c1", name: "t", arguments: {} } },
      { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_use" }, usage: {}, warnings: [] },
    ] as const;
    for (const part of parts) collector.add(part as never);
    expect(collector.response().message.content).toEqual([
      { type: "reasoning", text: "first thought", signature: "sig-0" },
      { type: "reasoning", text: "", signature: "encrypted", redacted: true },
      { type: "text", text: "answer" },
      { type: "tool-call", id: "c1", name: "t", arguments: {} },
    ]);
  });
});
