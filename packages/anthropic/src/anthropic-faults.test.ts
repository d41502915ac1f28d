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
import { AnthropicChatModel } from "./anthropic-chat-model.js";

let server: LoopbackServer;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

function model() {
  return new AnthropicChatModel("claude-sonnet-4-5", { baseURL: server.url, apiKey: Secret.fromToken("test-key") });
}

const hi = { messages: [ChatMessage.user("Hi")] };

/** Answers a streaming call with `events`, and reads the stream until it fails. */
async function streamFailureOf(events: SSEItem[], options?: StreamOptions) {
  server = await startLoopbackServer({ "POST /messages": (_, response) => sendEvents(response, events, options) });
  return streamFailure(model().doStream(hi));
}

describe("AnthropicChatModel faults", () => {
  it("reports 429 with Retry-After as retryable, with the wait", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 429, jsonFixture("error-429.json"), { "retry-after": "1" }),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(
      "anthropic (claude-sonnet-4-5): HTTP 429: This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. Rate limited: lower the concurrency or wait.",
    );
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.isRetryable).toBe(true);
  });

  it("succeeds through withRetries after waiting out a 429", async () => {
    server = await startLoopbackServer({
      "POST /messages": [
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
    [500, "error-500.json", "anthropic (claude-sonnet-4-5): HTTP 500: Internal server error"],
    [529, "error-529.json", "anthropic (claude-sonnet-4-5): HTTP 529: Overloaded"],
  ])("reports %i as retryable", async (status, fixture, message) => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, status, jsonFixture(fixture)),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(status);
    expect(error.isRetryable).toBe(true);
  });

  it("reports 400 with Anthropic's message, not retryable", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 400, jsonFixture("error-400.json")),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(
      "anthropic (claude-sonnet-4-5): HTTP 400: messages: text content blocks must be non-empty",
    );
    expect(error.isRetryable).toBe(false);
    expect(error.responseBody).toContain("invalid_request_error");
  });

  it("turns an error event in the middle of a stream into a retryable error", async () => {
    const { parts, error } = await streamFailureOf(sseFixture("overloaded-mid-stream.sse"));
    expect(parts.map((part) => part.type)).toEqual(["response-metadata", "text-delta"]);
    expect(error.message).toBe(
      "anthropic (claude-sonnet-4-5): sent an error in the middle of the stream: Overloaded (overloaded_error).",
    );
    expect(error.isRetryable).toBe(true);
  });

  it("turns an error body with status 200 into an error", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("error-529.json")),
    });
    const error = await providerFailure(model().doGenerate(hi));
    expect(error.message).toBe(
      "anthropic (claude-sonnet-4-5): answered 200 with an error: Overloaded (overloaded_error).",
    );
    expect(error.isRetryable).toBe(true);
  });

  it("reports a connection cut mid-stream as retryable", async () => {
    const { parts, error } = await streamFailureOf(sseFixture("text.sse"), { cutAfter: 4, delayMs: 5 });
    expect(parts.some((part) => part.type === "finish")).toBe(false);
    expect(error.message).toBe("anthropic (claude-sonnet-4-5): closed the connection in the middle of the stream.");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a stream that ends before message_stop as retryable", async () => {
    const { error } = await streamFailureOf(sseFixture("text.sse").slice(0, 5));
    expect(error.message).toBe("anthropic (claude-sonnet-4-5): ended the stream before message_stop.");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a malformed chunk, quoting it", async () => {
    const events = sseFixture("text.sse");
    events.splice(3, 1, {
      event: "content_block_delta",
      data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel',
    });
    const { error } = await streamFailureOf(events);
    expect(error.message).toBe(
      'anthropic (claude-sonnet-4-5): returned malformed JSON: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel',
    );
    expect(error.isRetryable).toBe(false);
  });

  it("reports streamed tool arguments that are not JSON", async () => {
    const events = sseFixture("tool-use.sse");
    events.splice(8, 1, {
      event: "content_block_delta",
      data: '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris"}}',
    });
    const { error } = await streamFailureOf(events);
    expect(error.message).toBe(
      'anthropic (claude-sonnet-4-5): returned arguments for the tool \'get_weather\' that are not a JSON object: {"city": "Paris',
    );
  });

  it("names the environment variable when the key is missing, before any request", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    vi.stubEnv("ANTHROPIC_API_KEY", undefined);
    const chat = new AnthropicChatModel("claude-sonnet-4-5", { baseURL: server.url });
    const error = await providerFailure(chat.doGenerate(hi));
    expect(error.message).toBe(
      "anthropic (claude-sonnet-4-5): the API key is missing: set ANTHROPIC_API_KEY, or pass apiKey.",
    );
    expect(error.isRetryable).toBe(false);
    const streamError = await streamFailure(chat.doStream(hi));
    expect(streamError.error.message).toBe(error.message);
    expect(server.requests).toHaveLength(0);
  });

  it("stops when aborted mid-stream", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendEvents(response, sseFixture("text.sse"), { delayMs: 40 }),
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
