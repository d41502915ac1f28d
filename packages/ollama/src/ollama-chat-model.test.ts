import { ChatMessage } from "@trama/core";
import {
  chatModelFrom,
  collectBatches,
  collectParts,
  isDeltaPart,
  type LoopbackServer,
  sendJson,
  sendJsonLines,
  startLoopbackServer,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture, jsonLinesFixture } from "./__fixtures__/load-fixture.js";
import { providers } from "./index.js";
import { OllamaChatModel } from "./ollama-chat-model.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...bodies: Array<{ json: unknown } | { lines: object[] }>) {
  server = await startLoopbackServer({
    "POST /api/chat": bodies.map(
      (body) => (_request, response) =>
        "json" in body ? sendJson(response, 200, body.json) : sendJsonLines(response, body.lines),
    ),
  });
  return server;
}

const weatherTool = {
  name: "get_weather",
  description: "Get the weather in a given city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("OllamaChatModel.doGenerate", () => {
  it("sends the native request and reads text, usage and finish reason", async () => {
    const { url, requests } = await serve({ json: jsonFixture("chat-text.json") });
    const model = new OllamaChatModel("qwen2.5:7b", { baseURL: url, numCtx: 8192, keepAlive: "10m" });
    const response = await model.doGenerate({
      messages: [ChatMessage.system("Be brief."), ChatMessage.user("Why is the sky blue?")],
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      seed: 7,
      maxTokens: 100,
      stop: ["\n\n"],
      // Options scoped to another provider (a fallback generator may carry them) never reach Ollama.
      providerOptions: { think: false, anthropic: { thinking: { type: "enabled" } }, ollama: { min_p: 0.05 } },
    });
    expect(requests[0]!.body).toEqual({
      model: "qwen2.5:7b",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Why is the sky blue?" },
      ],
      stream: false,
      options: {
        num_ctx: 8192,
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        seed: 7,
        num_predict: 100,
        stop: ["\n\n"],
        min_p: 0.05,
      },
      keep_alive: "10m",
      think: false,
    });
    expect(response.message.text).toBe("The sky is blue because of Rayleigh scattering.");
    expect(response.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(response.usage).toEqual({ inputTokens: 26, outputTokens: 298, totalTokens: 324 });
    expect(response.message.meta).toEqual({
      provider: "ollama",
      model: "qwen2.5:7b",
      finishReason: "stop",
      usage: response.usage,
    });
    expect(response.warnings).toEqual([]);
    expect(model.endpoint).toBe(url);
  });

  it("reads thinking as a reasoning part before the text", async () => {
    const { url, requests } = await serve({ json: jsonFixture("chat-thinking.json") });
    const model = new OllamaChatModel("qwen3:8b", { baseURL: url, think: true });
    const response = await model.doGenerate({ messages: [ChatMessage.user("17 × 23?")] });
    expect(requests[0]!.body.think).toBe(true);
    expect(response.message.content.map((part) => part.type)).toEqual(["reasoning", "text"]);
    expect(response.message.reasoning).toBe("17 × 23: 17 × 20 = 340, 17 × 3 = 51, 340 + 51 = 391.");
    expect(response.message.text).toBe("17 × 23 = 391.");
  });

  it("reads two tool calls with object arguments, gives them stable ids, and sends the results back", async () => {
    const tools = jsonFixture("chat-tools.json");
    const { url, requests } = await serve(
      { json: tools },
      { json: tools },
      { json: jsonFixture("chat-tool-answer.json") },
    );
    const model = new OllamaChatModel("qwen2.5:7b", { baseURL: url });
    const question = ChatMessage.user("What is the weather in Tokyo and Toronto?");
    const first = await model.doGenerate({ messages: [question], tools: [weatherTool] });
    expect(requests[0]!.body.tools).toEqual([{ type: "function", function: weatherTool }]);
    const calls = first.message.toolCalls;
    expect(calls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Tokyo" } },
      { name: "get_weather", args: { city: "Toronto", units: "celsius" } },
    ]);
    expect(calls[0]!.rawArguments).toBe('{"city":"Tokyo"}');
    expect(calls[0]!.id).toMatch(/^call_[0-9a-f]{16}$/);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    expect(first.finishReason).toEqual({ unified: "tool-calls", raw: "stop" });

    // The same response gives the same ids.
    const replay = await model.doGenerate({ messages: [question], tools: [weatherTool] });
    expect(replay.message.toolCalls.map((call) => call.id)).toEqual(calls.map((call) => call.id));

    const answer = await model.doGenerate({
      messages: [
        question,
        first.message,
        ChatMessage.tool("24°C", calls[0]!.id),
        ChatMessage.tool("11°C", calls[1]!.id, { name: "get_weather" }),
      ],
      tools: [weatherTool],
    });
    expect(requests[2]!.body.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { id: calls[0]!.id, function: { index: 0, name: "get_weather", arguments: { city: "Tokyo" } } },
          {
            id: calls[1]!.id,
            function: { index: 1, name: "get_weather", arguments: { city: "Toronto", units: "celsius" } },
          },
        ],
      },
      { role: "tool", content: "24°C", tool_name: "get_weather", tool_call_id: calls[0]!.id },
      { role: "tool", content: "11°C", tool_name: "get_weather", tool_call_id: calls[1]!.id },
    ]);
    expect(answer.message.text).toBe("It is 24°C in Tokyo and 11°C in Toronto.");
    expect(answer.finishReason.unified).toBe("stop");
  });

  it("asks for structured output with `format` (a schema, or json)", async () => {
    const { url, requests } = await serve({ json: jsonFixture("chat-structured.json") });
    const model = new OllamaChatModel("qwen2.5:7b", { baseURL: url });
    const schema = {
      type: "object",
      properties: { age: { type: "integer" }, available: { type: "boolean" } },
      required: ["age", "available"],
    };
    const response = await model.doGenerate({
      messages: [ChatMessage.user("Ollama is 22 years old and busy saving the world.")],
      responseFormat: { type: "json", schema },
    });
    expect(requests[0]!.body.format).toEqual(schema);
    expect(JSON.parse(response.message.text!)).toEqual({ age: 22, available: false });
    await model.doGenerate({ messages: [ChatMessage.user("JSON please")], responseFormat: { type: "json" } });
    expect(requests[1]!.body.format).toBe("json");
  });

  it("maps done_reason length and load", async () => {
    const { url } = await serve({ json: jsonFixture("chat-length.json") }, { json: jsonFixture("chat-load.json") });
    const model = new OllamaChatModel("qwen2.5:7b", { baseURL: url });
    const cut = await model.doGenerate({ messages: [ChatMessage.user("Explain.")], maxTokens: 5 });
    expect(cut.finishReason).toEqual({ unified: "length", raw: "length" });
    const loaded = await model.doGenerate({ messages: [] });
    expect(loaded.finishReason).toEqual({ unified: "other", raw: "load" });
    expect(loaded.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("offers only the chosen tool, none for toolChoice none, and warns that it cannot force a call", async () => {
    const { url, requests } = await serve({ json: jsonFixture("chat-text.json") });
    const model = new OllamaChatModel("qwen2.5:7b", { baseURL: url });
    const other = { name: "get_time", parameters: { type: "object", properties: {} } };
    const forced = await model.doGenerate({
      messages: [ChatMessage.user("Weather?")],
      tools: [weatherTool, other],
      toolChoice: { tool: "get_weather" },
    });
    expect(requests[0]!.body.tools.map((tool: any) => tool.function.name)).toEqual(["get_weather"]);
    expect(forced.warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "toolChoice" })]);
    await model.doGenerate({ messages: [ChatMessage.user("Hi")], tools: [weatherTool], toolChoice: "none" });
    expect(requests[1]!.body.tools).toBeUndefined();
  });
});

describe("OllamaChatModel.doStream", () => {
  it("streams text deltas, metadata first and one finish with usage last", async () => {
    const { url, requests } = await serve({ lines: jsonLinesFixture("chat-text-stream.ndjson") });
    const parts = await collectParts(
      new OllamaChatModel("qwen2.5:7b", { baseURL: url }).doStream({ messages: [ChatMessage.user("Sky?")] }),
    );
    expect(requests[0]!.body.stream).toBe(true);
    expect(parts).toEqual([
      { type: "response-metadata", model: "qwen2.5:7b" },
      { type: "text-delta", text: "The" },
      { type: "text-delta", text: " sky" },
      { type: "text-delta", text: " is" },
      { type: "text-delta", text: " blue." },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: 26, outputTokens: 282, totalTokens: 308 },
        warnings: [],
      },
    ]);
  });

  it("yields the lines of one network read as one batch, the first delta in a batch of its own", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) => {
        response.writeHead(200, { "content-type": "application/x-ndjson" });
        response.end(
          jsonLinesFixture("chat-text-stream.ndjson")
            .map((line) => `${JSON.stringify(line)}\n`)
            .join(""),
        );
      },
    });
    const batches = await collectBatches(
      new OllamaChatModel("qwen2.5:7b", { baseURL: server.url }).doStream({ messages: [ChatMessage.user("Sky?")] }),
    );
    const parts = batches.flat();

    expect(parts.map((part) => part.type)).toEqual([
      "response-metadata",
      "text-delta",
      "text-delta",
      "text-delta",
      "text-delta",
      "finish",
    ]);
    expect(batches.length).toBeLessThanOrEqual(3);
    expect(batches.length).toBeLessThan(parts.length);
    // Time to first delta: the batch holding the first delta ends with it.
    const first = batches.find((batch) => batch.some(isDeltaPart))!;
    expect(first.filter(isDeltaPart)).toEqual([{ type: "text-delta", text: "The" }]);
    expect(first.at(-1)).toEqual({ type: "text-delta", text: "The" });
  });

  it("streams thinking as reasoning deltas", async () => {
    const { url } = await serve({ lines: jsonLinesFixture("chat-thinking-stream.ndjson") });
    const parts = await collectParts(
      new OllamaChatModel("qwen3:8b", { baseURL: url, think: true }).doStream({ messages: [ChatMessage.user("?")] }),
    );
    const reasoning = parts.flatMap((part) => (part.type === "reasoning-delta" ? [part.text] : []));
    const text = parts.flatMap((part) => (part.type === "text-delta" ? [part.text] : []));
    expect(reasoning.join("")).toBe("17 × 20 = 340, plus 51 is 391.");
    expect(text.join("")).toBe("17 × 23 = 391.");
  });

  it("streams tool calls whole, keeping the server's ids, and finishes with tool-calls", async () => {
    const { url } = await serve({ lines: jsonLinesFixture("chat-tools-stream.ndjson") });
    const parts = await collectParts(
      new OllamaChatModel("qwen2.5:7b", { baseURL: url }).doStream({
        messages: [ChatMessage.user("Weather in Tokyo and Toronto?")],
        tools: [weatherTool],
      }),
    );
    expect(parts.filter((part) => part.type.startsWith("tool-call"))).toEqual([
      {
        type: "tool-call-delta",
        index: 0,
        id: "call_k3x9p2qa",
        name: "get_weather",
        argumentsDelta: '{"city":"Tokyo"}',
      },
      {
        type: "tool-call",
        call: {
          type: "tool-call",
          id: "call_k3x9p2qa",
          name: "get_weather",
          arguments: { city: "Tokyo" },
          rawArguments: '{"city":"Tokyo"}',
        },
      },
      {
        type: "tool-call-delta",
        index: 1,
        id: "call_7hd02mzn",
        name: "get_weather",
        argumentsDelta: '{"city":"Toronto","units":"celsius"}',
      },
      {
        type: "tool-call",
        call: {
          type: "tool-call",
          id: "call_7hd02mzn",
          name: "get_weather",
          arguments: { city: "Toronto", units: "celsius" },
          rawArguments: '{"city":"Toronto","units":"celsius"}',
        },
      },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "tool-calls", raw: "stop" } });
  });
});

describe("ollama shorthand", () => {
  it("resolves ollama:qwen2.5:7b, keeping the colon inside the model id", async () => {
    const { url, requests } = await serve({ json: jsonFixture("chat-text.json") });
    const model = chatModelFrom(providers, "ollama:qwen2.5:7b", { baseURL: url, numCtx: 4096 });
    expect(model).toBeInstanceOf(OllamaChatModel);
    expect(model.modelId).toBe("qwen2.5:7b");
    await model.doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(requests[0]!.body).toMatchObject({ model: "qwen2.5:7b", options: { num_ctx: 4096 } });
    expect(model.toConfig?.()).toEqual({ model: "ollama:qwen2.5:7b", baseURL: url, numCtx: 4096 });
  });
});
