import { ChatMessage, Secret } from "@trama/core";
import {
  collectBatches,
  collectParts,
  eventStreamText,
  isDeltaPart,
  type LoopbackServer,
  sendEvents,
  sendJson,
  startLoopbackServer,
  watchBodyCancels,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture, sseFixture } from "./__fixtures__/fixtures.js";
import { AnthropicChatModel } from "./anthropic-chat-model.js";

let server: LoopbackServer;
afterEach(() => server?.close());

function model() {
  return new AnthropicChatModel("claude-sonnet-4-5", { baseURL: server.url, apiKey: Secret.fromToken("test-key") });
}

const weatherTool = {
  name: "get_weather",
  description: "The current weather in a city.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("AnthropicChatModel text", () => {
  it("generates text, sending the system prompt as the top-level field with the key and version headers", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    const result = await model().doGenerate({ messages: [ChatMessage.system("Be brief."), ChatMessage.user("Hi")] });

    expect(result.message.role).toBe("assistant");
    expect(result.message.text).toBe("Hello! How can I help you today?");
    expect(result.finishReason).toEqual({ unified: "stop", raw: "end_turn" });
    expect(result.usage).toEqual({ inputTokens: 12, outputTokens: 12, cachedInputTokens: 0, totalTokens: 24 });
    expect(result.message.meta).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-5-20250929",
      finishReason: "stop",
      usage: result.usage,
    });
    expect(result.response).toMatchObject({ id: "msg_01XFDUDYJgAACzvnptvVoYEL", model: "claude-sonnet-4-5-20250929" });
    expect(result.warnings).toEqual([]);

    const [request] = server.requests;
    expect(request!.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      system: [{ type: "text", text: "Be brief." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
    });
    expect(request!.headers["x-api-key"]).toBe("test-key");
    expect(request!.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request!.headers["content-type"]).toBe("application/json");
  });

  it("passes sampling settings, stop sequences and headers, and warns about seed", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    const chat = new AnthropicChatModel("claude-sonnet-4-5", {
      baseURL: server.url,
      apiKey: Secret.fromToken("test-key"),
      headers: { "anthropic-beta": "context-1m-2025-08-07" },
    });
    const result = await chat.doGenerate({
      messages: [ChatMessage.user("Hi")],
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxTokens: 100,
      stop: ["END"],
      seed: 7,
      headers: { "x-request-tag": "t1" },
    });
    expect(result.warnings).toEqual([{ type: "unsupported", feature: "seed" }]);
    const [request] = server.requests;
    expect(request!.body).toMatchObject({
      max_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ["END"],
    });
    expect(request!.headers["anthropic-beta"]).toBe("context-1m-2025-08-07");
    expect(request!.headers["x-request-tag"]).toBe("t1");
  });

  it("streams text deltas, metadata and one finish with usage", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendEvents(response, sseFixture("text.sse")),
    });
    const parts = await collectParts(model().doStream({ messages: [ChatMessage.user("Hi")] }));
    expect(parts).toEqual([
      { type: "response-metadata", id: "msg_01QC4g3HwBThD4BaNtBckFDJ", model: "claude-sonnet-4-5-20250929" },
      { type: "text-delta", text: "Hello" },
      { type: "text-delta", text: "! How can I" },
      { type: "text-delta", text: " help you today?" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "end_turn" },
        usage: { inputTokens: 12, outputTokens: 12, cachedInputTokens: 0, totalTokens: 24 },
        warnings: [],
      },
    ]);
    expect(server.requests[0]!.body.stream).toBe(true);
  });

  it("yields the events of one network read as one batch, the first delta in a batch of its own", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.end(eventStreamText(sseFixture("text.sse")));
      },
    });
    const batches = await collectBatches(model().doStream({ messages: [ChatMessage.user("Hi")] }));
    const parts = batches.flat();

    expect(parts.map((part) => part.type)).toEqual([
      "response-metadata",
      "text-delta",
      "text-delta",
      "text-delta",
      "finish",
    ]);
    expect(batches.length).toBeLessThanOrEqual(3);
    expect(batches.length).toBeLessThan(parts.length);
    // Time to first delta: the batch holding the first delta ends with it.
    const first = batches.find((batch) => batch.some(isDeltaPart))!;
    expect(first.filter(isDeltaPart)).toEqual([{ type: "text-delta", text: "Hello" }]);
    expect(first.at(-1)).toEqual({ type: "text-delta", text: "Hello" });
  });

  it("reads the body to its end after message_stop, without waiting for a server that keeps it open", async () => {
    const events = eventStreamText(sseFixture("text.sse"));
    server = await startLoopbackServer({
      "POST /messages": [
        (_, response) => {
          response.writeHead(200, { "content-type": "text/event-stream" });
          response.end(events);
        },
        (_, response) => {
          response.writeHead(200, { "content-type": "text/event-stream" });
          response.write(events);
        },
        async (_, response) => {
          response.writeHead(200, { "content-type": "text/event-stream" });
          response.write(events);
          await new Promise((resolve) => setTimeout(resolve, 10));
          response.write(events);
        },
      ],
    });
    const { fetch: watchingFetch, cancels } = watchBodyCancels();
    const chat = new AnthropicChatModel("claude-sonnet-4-5", {
      baseURL: server.url,
      apiKey: Secret.fromToken("test-key"),
      fetch: watchingFetch,
    });
    const ended = await collectParts(chat.doStream({ messages: [ChatMessage.user("Hi")] }));
    expect(ended.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
    expect(cancels).toEqual([]);

    for (const _keptOpen of ["silent", "sending more"]) {
      const started = Date.now();
      const parts = await collectParts(chat.doStream({ messages: [ChatMessage.user("Hi")] }));
      expect(parts.filter((part) => part.type === "finish")).toHaveLength(1);
      expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it("counts cache reads and writes as input tokens, cache reads as cached", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("cached-usage.json")),
    });
    const result = await model().doGenerate({ messages: [ChatMessage.user("Summarize the contract.")] });
    expect(result.usage).toEqual({ inputTokens: 2249, outputTokens: 393, cachedInputTokens: 2040, totalTokens: 2642 });
  });

  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool-calls"],
    ["refusal", "content-filter"],
    ["pause_turn", "other"],
  ] as const)("maps the stop reason %s to %s", async (raw, unified) => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, { ...jsonFixture("text.json"), stop_reason: raw }),
    });
    const result = await model().doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(result.finishReason).toEqual({ unified, raw });
    expect(result.message.meta.finishReason).toBe(unified);
  });

  it("sends inline and linked images", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    await model().doGenerate({
      messages: [
        ChatMessage.user([
          { type: "text", text: "What is in these images?" },
          { type: "image", data: "iVBORw0KGgoAAAANSUhEUg==", mimeType: "image/png" },
          { type: "image", data: "/9j/4AAQSkZJRgABAQ==" },
          { type: "image", url: "https://example.com/cat.webp" },
        ]),
      ],
    });
    expect(server.requests[0]!.body.messages[0].content).toEqual([
      { type: "text", text: "What is in these images?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgoAAAANSUhEUg==" } },
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQSkZJRgABAQ==" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.webp" } },
    ]);
  });
});

describe("AnthropicChatModel structured output", () => {
  const schema = {
    type: "object",
    properties: { name: { type: "string" }, born: { type: "integer" } },
    required: ["name", "born"],
  };

  it("forces the json tool and returns its input as the text", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("json-tool.json")),
    });
    const result = await model().doGenerate({
      messages: [ChatMessage.user("Who wrote the first program?")],
      responseFormat: { type: "json", schema },
    });
    expect(JSON.parse(result.message.text!)).toEqual({
      name: "Ada Lovelace",
      born: 1815,
      fields: ["mathematics", "computing"],
    });
    expect(result.message.toolCalls).toEqual([]);
    expect(result.finishReason).toEqual({ unified: "stop", raw: "tool_use" });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [{ name: "json", description: "Respond with a JSON object.", input_schema: schema }],
      tool_choice: { type: "tool", name: "json" },
    });
  });

  it("streams the json tool's input as text deltas", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendEvents(response, sseFixture("json-tool.sse")),
    });
    const parts = await collectParts(
      model().doStream({ messages: [ChatMessage.user("Who?")], responseFormat: { type: "json", schema } }),
    );
    const text = parts.flatMap((part) => (part.type === "text-delta" ? [part.text] : [])).join("");
    expect(JSON.parse(text)).toEqual({ name: "Ada Lovelace", born: 1815 });
    expect(parts.some((part) => part.type === "tool-call" || part.type === "tool-call-delta")).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop", raw: "tool_use" } });
  });

  it("asks for any tool when other tools are offered too", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("json-tool.json")),
    });
    await model().doGenerate({
      messages: [ChatMessage.user("Who?")],
      tools: [weatherTool],
      responseFormat: { type: "json", schema },
    });
    const body = server.requests[0]!.body;
    expect(body.tools.map((tool: { name: string }) => tool.name)).toEqual(["get_weather", "json"]);
    expect(body.tool_choice).toEqual({ type: "any" });
  });
});

describe("AnthropicChatModel thinking", () => {
  const thinking = { type: "enabled", budget_tokens: 2048 };

  it("sends thinking, raises max_tokens by the budget and drops sampling settings with warnings", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("thinking.json")),
    });
    const result = await model().doGenerate({
      messages: [ChatMessage.user("27 * 453?")],
      temperature: 0.5,
      providerOptions: { thinking },
    });
    expect(server.requests[0]!.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096 + 2048,
      messages: [{ role: "user", content: [{ type: "text", text: "27 * 453?" }] }],
      thinking,
    });
    expect(result.warnings).toEqual([
      { type: "unsupported", feature: "temperature", details: "Anthropic does not allow it with thinking." },
    ]);
    expect(result.message.content).toEqual([
      {
        type: "reasoning",
        text: "The user asks for 27 * 453. 27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.",
        signature: jsonFixture("thinking.json").content[0].signature,
      },
      { type: "reasoning", text: "", signature: jsonFixture("thinking.json").content[1].data, redacted: true },
      { type: "text", text: "27 × 453 = 12,231" },
    ]);
  });

  it("sends thinking blocks back with their signature, and redacted ones as they came", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("thinking.json")),
    });
    const first = await model().doGenerate({
      messages: [ChatMessage.user("27 * 453?")],
      providerOptions: { thinking },
    });
    await model().doGenerate({
      messages: [ChatMessage.user("27 * 453?"), first.message, ChatMessage.user("And times 2?")],
      providerOptions: { anthropic: { thinking } },
    });
    const fixture = jsonFixture("thinking.json");
    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "27 * 453?" }] },
      { role: "assistant", content: fixture.content },
      { role: "user", content: [{ type: "text", text: "And times 2?" }] },
    ]);
  });

  it("drops reasoning without a signature (from other providers)", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    await model().doGenerate({
      messages: [
        ChatMessage.user("Hi"),
        ChatMessage.assistant([
          { type: "reasoning", text: "Greet back." },
          { type: "text", text: "Hello." },
        ]),
        ChatMessage.user("Again"),
      ],
    });
    expect(server.requests[0]!.body.messages[1]).toEqual({
      role: "assistant",
      content: [{ type: "text", text: "Hello." }],
    });
  });

  it("streams thinking and its signature as reasoning deltas", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendEvents(response, sseFixture("thinking.sse")),
    });
    const parts = await collectParts(
      model().doStream({ messages: [ChatMessage.user("27 * 453?")], providerOptions: { thinking } }),
    );
    expect(parts.filter((part) => part.type !== "response-metadata" && part.type !== "finish")).toEqual([
      { type: "reasoning-delta", text: "27 * 453 = 10800 + 1431", block: 0 },
      { type: "reasoning-delta", text: " = 12231.", block: 0 },
      { type: "reasoning-delta", text: "", signature: jsonFixture("thinking.json").content[0].signature, block: 0 },
      { type: "text-delta", text: "27 × 453 = 12,231" },
    ]);
  });
});
