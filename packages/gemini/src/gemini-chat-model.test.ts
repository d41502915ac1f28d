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
import { GeminiChatModel } from "./gemini-chat-model.js";

const GENERATE = "POST /models/gemini-2.5-flash:generateContent";
const STREAM = "POST /models/gemini-2.5-flash:streamGenerateContent";

let server: LoopbackServer;
afterEach(() => server?.close());

function model() {
  return new GeminiChatModel("gemini-2.5-flash", { baseURL: server.url, apiKey: Secret.fromToken("test-key") });
}

describe("GeminiChatModel text", () => {
  it("generates text, sending system messages as systemInstruction with the key header", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    const result = await model().doGenerate({ messages: [ChatMessage.system("Be brief."), ChatMessage.user("Hi")] });

    expect(result.message.content).toEqual([{ type: "text", text: "Hello! How can I help you today?" }]);
    expect(result.finishReason).toEqual({ unified: "stop", raw: "STOP" });
    expect(result.usage).toEqual({ inputTokens: 8, outputTokens: 33, reasoningTokens: 24, totalTokens: 41 });
    expect(result.message.meta).toEqual({
      provider: "gemini",
      model: "gemini-2.5-flash",
      finishReason: "stop",
      usage: result.usage,
    });
    expect(result.response).toMatchObject({ id: "7c9EaKXrGLvZz7IPqOyVcQ", model: "gemini-2.5-flash" });
    expect(result.warnings).toEqual([]);

    const [request] = server.requests;
    expect(request!.body).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
      systemInstruction: { parts: [{ text: "Be brief." }] },
    });
    expect(request!.headers["x-goog-api-key"]).toBe("test-key");
    expect(request!.headers["content-type"]).toBe("application/json");
  });

  it("sends generation settings and provider options", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    const safetySettings = [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }];
    await model().doGenerate({
      messages: [ChatMessage.user("Hi")],
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxTokens: 100,
      seed: 7,
      stop: ["END"],
      providerOptions: { gemini: { thinkingConfig: { thinkingBudget: 0 }, safetySettings } },
      headers: { "x-request-tag": "t1" },
    });
    const [request] = server.requests;
    expect(request!.body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 100,
      seed: 7,
      stopSequences: ["END"],
      thinkingConfig: { thinkingBudget: 0 },
    });
    expect(request!.body.safetySettings).toEqual(safetySettings);
    expect(request!.headers["x-request-tag"]).toBe("t1");
  });

  it("streams text deltas from ?alt=sse, with the last chunk's usage", async () => {
    const urls: string[] = [];
    server = await startLoopbackServer({
      [STREAM]: (_, response) => {
        urls.push(response.req.url ?? "");
        return sendEvents(response, sseFixture("text.sse"));
      },
    });
    const parts = await collectParts(model().doStream({ messages: [ChatMessage.user("Hi")] }));
    expect(urls).toEqual(["/models/gemini-2.5-flash:streamGenerateContent?alt=sse"]);
    expect(parts).toEqual([
      { type: "response-metadata", id: "ttBEaJ2xNM7Sz7IP-rG9gAQ", model: "gemini-2.5-flash" },
      { type: "text-delta", text: "Hello! How" },
      { type: "text-delta", text: " can I help" },
      { type: "text-delta", text: " you today?" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "STOP" },
        usage: { inputTokens: 8, outputTokens: 33, reasoningTokens: 24, totalTokens: 41 },
        warnings: [],
      },
    ]);
  });

  it("yields the chunks of one network read as one batch, the first delta in a batch of its own", async () => {
    server = await startLoopbackServer({
      [STREAM]: (_, response) => {
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
    expect(first.filter(isDeltaPart)).toEqual([{ type: "text-delta", text: "Hello! How" }]);
    expect(first.at(-1)).toEqual({ type: "text-delta", text: "Hello! How" });
  });

  it("reads the body to its end after the last chunk, without waiting for a server that keeps it open", async () => {
    const events = eventStreamText(sseFixture("text.sse"));
    server = await startLoopbackServer({
      [STREAM]: [
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
    const chat = new GeminiChatModel("gemini-2.5-flash", {
      baseURL: server.url,
      apiKey: Secret.fromToken("test-key"),
      fetch: watchingFetch,
    });
    const ended = await collectParts(chat.doStream({ messages: [ChatMessage.user("Hi")] }));
    expect(ended.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
    expect(cancels).toEqual([]);

    // A server that stays silent after the last chunk is left after a short grace; one that sends more chunks after
    // a chunk marked finished (as some proxies do) is read on, so no text is lost.
    for (const [_keptOpen, deltas] of [
      ["silent", 3],
      ["sending more", 6],
    ] as const) {
      const started = Date.now();
      const parts = await collectParts(chat.doStream({ messages: [ChatMessage.user("Hi")] }));
      expect(parts.filter((part) => part.type === "text-delta")).toHaveLength(deltas);
      expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it("reports cached prompt tokens", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("tool-result-answer.json")),
    });
    const result = await model().doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(result.usage).toEqual({ inputTokens: 2143, outputTokens: 22, cachedInputTokens: 2006, totalTokens: 2165 });
  });

  it.each([
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content-filter"],
    ["RECITATION", "content-filter"],
    ["BLOCKLIST", "content-filter"],
    ["PROHIBITED_CONTENT", "content-filter"],
    ["SPII", "content-filter"],
    ["IMAGE_SAFETY", "content-filter"],
    ["MALFORMED_FUNCTION_CALL", "error"],
    ["UNEXPECTED_TOOL_CALL", "error"],
    ["LANGUAGE", "other"],
    ["OTHER", "other"],
    ["FINISH_REASON_UNSPECIFIED", "other"],
  ] as const)("maps the finish reason %s to %s", async (raw, unified) => {
    const fixture = jsonFixture("text.json");
    fixture.candidates[0].finishReason = raw;
    server = await startLoopbackServer({ [GENERATE]: (_, response) => sendJson(response, 200, fixture) });
    const result = await model().doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(result.finishReason).toEqual({ unified, raw });
  });

  it("returns an empty message with content-filter when the answer is blocked", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("safety.json")),
    });
    const result = await model().doGenerate({ messages: [ChatMessage.user("How do I …")] });
    expect(result.message.content).toEqual([]);
    expect(result.finishReason).toEqual({ unified: "content-filter", raw: "SAFETY" });
  });

  it("sends inline images as inlineData and linked ones as fileData", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    await model().doGenerate({
      messages: [
        ChatMessage.user([
          { type: "text", text: "Compare these." },
          { type: "image", data: "iVBORw0KGgoAAAANSUhEUg==", mimeType: "image/png" },
          { type: "image", data: "/9j/4AAQSkZJRgABAQ==" },
          {
            type: "image",
            url: "https://generativelanguage.googleapis.com/v1beta/files/abc123",
            mimeType: "image/jpeg",
          },
        ]),
      ],
    });
    expect(server.requests[0]!.body.contents[0].parts).toEqual([
      { text: "Compare these." },
      { inlineData: { mimeType: "image/png", data: "iVBORw0KGgoAAAANSUhEUg==" } },
      { inlineData: { mimeType: "image/jpeg", data: "/9j/4AAQSkZJRgABAQ==" } },
      {
        fileData: { mimeType: "image/jpeg", fileUri: "https://generativelanguage.googleapis.com/v1beta/files/abc123" },
      },
    ]);
  });

  it("asks for JSON matching a schema", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("json.json")),
    });
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, born: { type: "integer" } },
      required: ["name", "born"],
      additionalProperties: false,
    };
    const result = await model().doGenerate({
      messages: [ChatMessage.user("Who wrote the first program?")],
      responseFormat: { type: "json", schema },
    });
    expect(JSON.parse(result.message.text!)).toEqual({ name: "Ada Lovelace", born: 1815 });
    expect(server.requests[0]!.body.generationConfig).toEqual({
      responseMimeType: "application/json",
      responseJsonSchema: schema,
    });
  });
});

describe("GeminiChatModel thinking", () => {
  const signature = "Eo0HCooHAb4+9vutXdtKMt+r7Z3gLh52ZQ3RKYDzp4A6PHh0dLuvI1KwnLxDS/qm8wn4Gm9NNNQ1nBS";
  const thoughts = "**Calculating the product**\n\n27 × 453 = 27 × 400 + 27 × 53 = 10800 + 1431 = 12231.\n";

  it("returns thought summaries and the signature as reasoning, and sends them back in place", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("thinking.json")),
    });
    const providerOptions = { thinkingConfig: { includeThoughts: true } };
    const first = await model().doGenerate({ messages: [ChatMessage.user("27 * 453?")], providerOptions });
    expect(first.message.content).toEqual([
      { type: "reasoning", text: thoughts, signature },
      { type: "text", text: "27 × 453 = 12,231" },
    ]);
    expect(first.usage).toEqual({ inputTokens: 9, outputTokens: 266, reasoningTokens: 256, totalTokens: 275 });
    expect(server.requests[0]!.body.generationConfig).toEqual({ thinkingConfig: { includeThoughts: true } });

    await model().doGenerate({
      messages: [ChatMessage.user("27 * 453?"), first.message, ChatMessage.user("Times 2?")],
    });
    expect(server.requests[1]!.body.contents).toEqual([
      { role: "user", parts: [{ text: "27 * 453?" }] },
      {
        role: "model",
        parts: [
          { text: thoughts, thought: true },
          { text: "27 × 453 = 12,231", thoughtSignature: signature },
        ],
      },
      { role: "user", parts: [{ text: "Times 2?" }] },
    ]);
  });

  it("streams thoughts and the signature as reasoning deltas", async () => {
    server = await startLoopbackServer({ [STREAM]: (_, response) => sendEvents(response, sseFixture("thinking.sse")) });
    const parts = await collectParts(model().doStream({ messages: [ChatMessage.user("27 * 453?")] }));
    expect(parts.slice(1)).toEqual([
      { type: "reasoning-delta", text: "**Calculating the product**\n\n27 × 453 = 12231.\n" },
      { type: "text-delta", text: "27 × 453 = 12,231" },
      { type: "reasoning-delta", text: "", signature },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "STOP" },
        usage: { inputTokens: 9, outputTokens: 266, reasoningTokens: 256, totalTokens: 275 },
        warnings: [],
      },
    ]);
  });
});
