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
import { structuredCompletion, textCompletion, textStream } from "./__fixtures__/openai-chat.js";
import { deepseek, openAICompatible, openai, vllm } from "./index.js";

let server: LoopbackServer;
afterEach(() => server?.close());

const key = Secret.fromToken("sk-test");
const question = [ChatMessage.system("Answer briefly."), ChatMessage.user("What is the capital of France?")];

describe("OpenAICompatibleChatModel", () => {
  it("generates text and reports usage, finish reason and the response", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    const result = await model.doGenerate({
      messages: question,
      temperature: 0.2,
      maxTokens: 100,
      seed: 7,
      stop: ["\n\n"],
    });

    expect(result.message.role).toBe("assistant");
    expect(result.message.text).toBe("The capital of France is Paris.");
    expect(result.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(result.usage).toEqual({
      inputTokens: 1117,
      outputTokens: 46,
      totalTokens: 1163,
      reasoningTokens: 12,
      cachedInputTokens: 1024,
    });
    expect(result.message.meta).toEqual({
      provider: "openai",
      model: "gpt-4.1-mini-2025-04-14",
      finishReason: "stop",
      usage: result.usage,
    });
    expect(result.response).toMatchObject({
      id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
      model: "gpt-4.1-mini-2025-04-14",
    });
    expect(result.warnings).toEqual([]);

    const [request] = server.requests;
    expect(request!.headers.authorization).toBe("Bearer sk-test");
    expect(request!.body).toEqual({
      model: "gpt-4.1-mini",
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: "What is the capital of France?" },
      ],
      temperature: 0.2,
      max_completion_tokens: 100,
      seed: 7,
      stop: ["\n\n"],
    });
  });

  it("streams text with stream_options.include_usage, then finishes with the usage chunk", async () => {
    server = await startLoopbackServer({ "POST /chat/completions": (_, response) => sendEvents(response, textStream) });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    const parts = await collectParts(model.doStream({ messages: question }));

    expect(parts).toEqual([
      { type: "response-metadata", id: "chatcmpl-BwoiPTGRbKkY5rncfaM0s9KtWrq5N", model: "gpt-4.1-mini-2025-04-14" },
      { type: "text-delta", text: "The capital" },
      { type: "text-delta", text: " of France" },
      { type: "text-delta", text: " is Paris." },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: 14, outputTokens: 8, totalTokens: 22, reasoningTokens: 0, cachedInputTokens: 0 },
        warnings: [],
      },
    ]);
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
  });

  it("yields the events of one network read as one batch, the first delta in a batch of its own", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.end(eventStreamText(textStream));
      },
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    const batches = await collectBatches(model.doStream({ messages: question }));
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
    expect(first.filter(isDeltaPart)).toEqual([{ type: "text-delta", text: "The capital" }]);
    expect(first.at(-1)).toEqual({ type: "text-delta", text: "The capital" });
  });

  it("reads the body to its end after [DONE] instead of cancelling it", async () => {
    server = await startLoopbackServer({ "POST /chat/completions": (_, response) => sendEvents(response, textStream) });
    const { fetch: watchingFetch, bodies } = watchBodyCancels();
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key, fetch: watchingFetch });
    const parts = await collectParts(model.doStream({ messages: question }));

    expect(parts.at(-1)).toMatchObject({ type: "finish" });
    expect(bodies).toEqual([{ ended: true, cancelled: false }]);
  });

  it("finishes at [DONE] when the server keeps the connection open, silent or still sending", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => {
          response.writeHead(200, { "content-type": "text/event-stream" });
          response.write(eventStreamText(textStream));
        },
        async (_, response) => {
          response.writeHead(200, { "content-type": "text/event-stream" });
          response.write(eventStreamText(textStream));
          await new Promise((resolve) => setTimeout(resolve, 10));
          response.write(eventStreamText([textStream[1]!]));
        },
        (_, response) => {
          response.writeHead(200, { "content-type": "text/event-stream" });
          response.write(eventStreamText(textStream));
          const keepAlive = setInterval(() => response.write(": keep-alive\n\n"), 5);
          response.on("close", () => clearInterval(keepAlive));
        },
      ],
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    for (let call = 0; call < 3; call++) {
      const started = Date.now();
      const parts = await collectParts(model.doStream({ messages: question }));
      expect(parts.filter((part) => part.type === "text-delta")).toHaveLength(3);
      expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it("sends top_k where the server takes it and warns where it does not", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const local = await vllm("Qwen/Qwen3-8B", { baseURL: server.url }).doGenerate({
      messages: question,
      topK: 20,
      topP: 0.9,
      maxTokens: 64,
    });
    const remote = await openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key }).doGenerate({
      messages: question,
      topK: 20,
    });

    expect(server.requests[0]!.body).toMatchObject({ top_k: 20, top_p: 0.9, max_tokens: 64 });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(local.warnings).toEqual([]);
    expect(server.requests[1]!.body.top_k).toBeUndefined();
    expect(remote.warnings).toEqual([
      { type: "unsupported", feature: "topK", details: "openai has no top_k setting." },
    ]);
  });

  it("asks for structured output with json_schema, json_object, or warns when the server has neither", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, structuredCompletion),
    });
    const schema = {
      type: "object",
      properties: { city: { type: "string" }, population: { type: "number" } },
      required: ["city", "population"],
      additionalProperties: false,
    };
    const responseFormat = { type: "json" as const, schema, name: "city_facts" };
    const structured = await openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key }).doGenerate({
      messages: question,
      responseFormat,
    });
    const jsonMode = await deepseek("deepseek-chat", { baseURL: server.url, apiKey: key }).doGenerate({
      messages: question,
      responseFormat,
    });
    const neither = await openAICompatible("tiny", {
      baseURL: server.url,
      provider: "tinyserver",
      supportsStructuredOutput: false,
      supportsJsonMode: false,
    }).doGenerate({ messages: question, responseFormat: { type: "json" } });

    expect(JSON.parse(structured.message.text!)).toEqual({ city: "Paris", population: 2102650 });
    expect(server.requests[0]!.body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "city_facts", schema },
    });
    expect(structured.warnings).toEqual([]);
    expect(server.requests[1]!.body.response_format).toEqual({ type: "json_object" });
    expect(jsonMode.warnings).toEqual([
      {
        type: "unsupported",
        feature: "responseFormat.schema",
        details: "deepseek takes no JSON schema: JSON output is requested without it.",
      },
    ]);
    expect(server.requests[2]!.body.response_format).toBeUndefined();
    expect(neither.warnings).toEqual([
      { type: "unsupported", feature: "responseFormat", details: "tinyserver has no JSON mode." },
    ]);
  });

  it("passes providerOptions and extraBody into the body, skipping other providers' options", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key, extraBody: { user: "u-42" } });
    await model.doGenerate({
      messages: question,
      providerOptions: {
        reasoning_effort: "low",
        openai: { service_tier: "flex" },
        anthropic: { thinking: { type: "enabled" } },
      },
      headers: { "x-request-id": "r-1" },
    });

    const body = server.requests[0]!.body;
    expect(body).toMatchObject({ user: "u-42", reasoning_effort: "low", service_tier: "flex" });
    expect(body.anthropic).toBeUndefined();
    expect(body.openai).toBeUndefined();
    expect(server.requests[0]!.headers["x-request-id"]).toBe("r-1");
  });

  it("sends images as image_url parts, inline data as a data URL", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const message = ChatMessage.user([
      { type: "text", text: "What is in these images?" },
      { type: "image", data: "iVBORw0KGgo=", mimeType: "image/png" },
      { type: "image", url: "https://example.com/cat.jpg", detail: "low" },
    ]);
    await openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key }).doGenerate({ messages: [message] });

    expect(server.requests[0]!.body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is in these images?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "low" } },
        ],
      },
    ]);
  });
});
