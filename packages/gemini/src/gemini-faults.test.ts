import { ChatMessage, Secret } from "@trama/core";
import { type ChatStreamPart, withRetries } from "@trama/provider";
import {
  type LoopbackServer,
  providerFailure,
  type SSEItem,
  type StreamOptions,
  sendEvents,
  sendJson,
  startLoopbackServer,
  streamFailure,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonFixture, sseFixture } from "./__fixtures__/fixtures.js";
import { GeminiChatModel } from "./gemini-chat-model.js";

const GENERATE = "POST /models/gemini-2.5-flash:generateContent";
const STREAM = "POST /models/gemini-2.5-flash:streamGenerateContent";

let server: LoopbackServer;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

function model() {
  return new GeminiChatModel("gemini-2.5-flash", { baseURL: server.url, apiKey: Secret.fromToken("test-key") });
}

const hi = { messages: [ChatMessage.user("Hi")] };

/** Answers a streaming call with `events`, and reads the stream until it fails. */
async function streamFailureOf(events: SSEItem[], options?: StreamOptions) {
  server = await startLoopbackServer({ [STREAM]: (_, response) => sendEvents(response, events, options) });
  return streamFailure(model().doStream(hi));
}

const quotaMessage =
  "gemini (gemini-2.5-flash): HTTP 429: You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Rate limited: lower the concurrency or wait.";

describe("GeminiChatModel faults", () => {
  it("reports 429 with Retry-After as retryable, with the wait", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 429, jsonFixture("error-429.json"), { "retry-after": "2" }),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(quotaMessage);
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.isRetryable).toBe(true);
  });

  it("takes the wait from the body's RetryInfo when there is no Retry-After", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 429, jsonFixture("error-429.json")),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(quotaMessage);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.isRetryable).toBe(true);
  });

  it("succeeds through withRetries after waiting out a 429", async () => {
    server = await startLoopbackServer({
      [GENERATE]: [
        (_, response) => sendJson(response, 429, jsonFixture("error-429.json"), { "retry-after": "1" }),
        (_, response) => sendJson(response, 200, jsonFixture("text.json")),
      ],
    });
    const chat = model();
    const started = Date.now();
    const result = await withRetries(() => chat.doGenerate(hi));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.message.text).toBe("Hello! How can I help you today?");
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [
      500,
      "error-500.json",
      "gemini (gemini-2.5-flash): HTTP 500: An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    ],
    [503, "error-503.json", "gemini (gemini-2.5-flash): HTTP 503: The model is overloaded. Please try again later."],
  ])("reports %i as retryable", async (status, fixture, message) => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, status, jsonFixture(fixture)),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(message);
    expect(error.isRetryable).toBe(true);
  });

  it("reports 400 with Gemini's message, not retryable", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 400, jsonFixture("error-400.json")),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(
      "gemini (gemini-2.5-flash): HTTP 400: * GenerateContentRequest.contents: contents is not specified\n",
    );
    expect(error.isRetryable).toBe(false);
  });

  it("reports a blocked prompt with its reason, in a response and in a stream", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("prompt-blocked.json")),
      [STREAM]: (_, response) => sendEvents(response, [JSON.stringify(jsonFixture("prompt-blocked.json"))]),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe("gemini (gemini-2.5-flash): blocked the prompt: PROHIBITED_CONTENT.");
    expect(error.isRetryable).toBe(false);
    const streamed = await streamFailure(model().doStream(hi));
    expect(streamed.error.message).toBe(error.message);
  });

  it("reports an error sent in the middle of a stream with its status", async () => {
    const [first] = sseFixture("text.sse");
    const { parts, error } = await streamFailureOf([first!, JSON.stringify(jsonFixture("error-503.json"))]);
    expect(parts.map((part) => part.type)).toEqual(["response-metadata", "text-delta"]);
    expect(error.message).toBe(
      "gemini (gemini-2.5-flash): HTTP 503: The model is overloaded. Please try again later. (UNAVAILABLE)",
    );
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
  });

  it("reports a connection cut mid-stream as retryable", async () => {
    const { parts, error } = await streamFailureOf(sseFixture("text.sse"), { cutAfter: 2, delayMs: 5 });
    expect(parts.some((part) => part.type === "finish")).toBe(false);
    expect(error.message).toBe("gemini (gemini-2.5-flash): closed the connection in the middle of the stream.");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a stream that ends without a finish reason as retryable", async () => {
    const { error } = await streamFailureOf(sseFixture("text.sse").slice(0, 2));
    expect(error.message).toBe("gemini (gemini-2.5-flash): ended the stream without a finish reason.");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a malformed chunk, quoting it", async () => {
    const [first] = sseFixture("text.sse");
    const { error } = await streamFailureOf([first!, '{"candidates": [{"content": {"parts": [{"text": " can']);
    expect(error.message).toBe(
      'gemini (gemini-2.5-flash): returned malformed JSON: {"candidates": [{"content": {"parts": [{"text": " can',
    );
    expect(error.isRetryable).toBe(false);
  });

  it("names both environment variables when the key is missing, and falls back to GOOGLE_API_KEY", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    vi.stubEnv("GEMINI_API_KEY", undefined);
    vi.stubEnv("GOOGLE_API_KEY", undefined);
    const chat = new GeminiChatModel("gemini-2.5-flash", { baseURL: server.url });
    const error = await providerFailure(chat.doGenerate(hi));
    expect(error.message).toBe(
      "gemini (gemini-2.5-flash): the API key is missing: set GEMINI_API_KEY or GOOGLE_API_KEY, or pass apiKey.",
    );
    expect(error.isRetryable).toBe(false);
    expect(server.requests).toHaveLength(0);

    vi.stubEnv("GOOGLE_API_KEY", "google-key");
    await chat.doGenerate(hi);
    expect(server.requests[0]!.headers["x-goog-api-key"]).toBe("google-key");
  });

  it("stops when aborted mid-stream", async () => {
    server = await startLoopbackServer({
      [STREAM]: (_, response) => sendEvents(response, sseFixture("text.sse"), { delayMs: 40 }),
    });
    const controller = new AbortController();
    const parts: ChatStreamPart[] = [];
    const outcome = (async () => {
      for await (const batch of model().doStream({ ...hi, signal: controller.signal })) {
        for (const part of batch) {
          parts.push(part);
          if (part.type === "text-delta") controller.abort();
        }
      }
    })();
    await expect(outcome).rejects.toMatchObject({ name: "AbortError" });
    expect(parts.filter((part) => part.type === "text-delta")).toHaveLength(1);
  });
});
