import { ChatMessage, Secret, SecretMissingError } from "@trama/core";
import { ProviderError, withRetries } from "@trama/provider";
import {
  collectParts,
  type LoopbackServer,
  providerFailure,
  rejection,
  sendEvents,
  sendJson,
  startLoopbackServer,
  streamFailure,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  invalidRequestError,
  rateLimitError,
  serverError,
  textCompletion,
  textStream,
} from "./__fixtures__/openai-chat.js";
import { openai } from "./index.js";

let server: LoopbackServer;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

const key = Secret.fromToken("sk-test");
const messages = [ChatMessage.user("What is the capital of France?")];
const model = () => openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });

describe("faults", () => {
  it("reports a 429 with Retry-After as retryable, with the wait in retryAfterMs", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 429, rateLimitError, { "retry-after": "1" }),
    });
    const error = await providerFailure(model().doGenerate({ messages }));

    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "openai (gpt-4.1-mini): HTTP 429: Rate limit reached for gpt-4.1-mini on requests per min (RPM): Limit 500, Used 500, Requested 1. Rate limited: lower the concurrency or wait.",
    );
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.isRetryable).toBe(true);
  });

  it("lets withRetries wait for Retry-After and then succeed", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => sendJson(response, 429, rateLimitError, { "retry-after": "1" }),
        (_, response) => sendJson(response, 200, textCompletion),
      ],
    });
    const delays: number[] = [];
    const started = Date.now();
    const result = await withRetries(() => model().doGenerate({ messages }), {
      onRetry: (_, delay) => delays.push(delay),
    });

    expect(result.message.text).toBe("The capital of France is Paris.");
    expect(delays).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it("reports a 500 as retryable with the provider's message", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 500, serverError),
    });
    const error = await providerFailure(model().doGenerate({ messages }));

    expect(error.message).toBe(
      "openai (gpt-4.1-mini): HTTP 500: The server had an error while processing your request. Sorry about that!",
    );
    expect(error.isRetryable).toBe(true);
  });

  it("reports a 400 as not retryable with the provider's message", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 400, invalidRequestError),
    });
    const error = await providerFailure(model().doStream({ messages, temperature: 3 })[Symbol.asyncIterator]().next());

    expect(error.message).toBe(
      "openai (gpt-4.1-mini): HTTP 400: Invalid value for 'temperature': must be between 0 and 2.",
    );
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
  });

  it("reports a connection cut mid-stream as a retryable ProviderError", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendEvents(response, textStream, { cutAfter: 3, delayMs: 5 }),
    });
    const { parts, error } = await streamFailure(model().doStream({ messages }));
    const texts = parts.flatMap((part) => (part.type === "text-delta" ? [part.text] : []));

    expect(texts).toEqual(["The capital", " of France"]);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe("openai (gpt-4.1-mini): closed the connection in the middle of the stream.");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a stream that ends before its finish_reason as retryable", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendEvents(response, textStream.slice(0, 3)),
    });
    const { error } = await streamFailure(model().doStream({ messages }));

    expect(error.message).toBe("openai (gpt-4.1-mini): ended the stream before it finished.");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a malformed chunk, quoting it", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) =>
        sendEvents(response, [textStream[0]!, '{"id":"chatcmpl-1","choices":[{"delta":{"content":"Par', "[DONE]"]),
    });
    const { error } = await streamFailure(model().doStream({ messages }));

    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'openai (gpt-4.1-mini): returned malformed JSON: {"id":"chatcmpl-1","choices":[{"delta":{"content":"Par',
    );
    expect(error.isRetryable).toBe(false);
  });

  it("stops reading when aborted mid-stream and rejects with an AbortError", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const longStream = [textStream[0]!, ...Array.from({ length: 200 }, () => textStream[1]!), ...textStream.slice(4)];
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => {
        response.on("close", closed);
        return sendEvents(response, longStream, { delayMs: 10 });
      },
    });
    const controller = new AbortController();
    let deltas = 0;
    const error = await rejection(
      (async () => {
        for await (const batch of model().doStream({ messages, signal: controller.signal })) {
          for (const part of batch) if (part.type === "text-delta" && ++deltas === 2) controller.abort();
        }
      })(),
    );
    await connectionClosed;

    expect(error.name).toBe("AbortError");
    expect(deltas).toBe(2);
  });

  it("fails at the first call without a key, naming the provider and the variable", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const keyless = openai("gpt-4.1-mini", { baseURL: server.url });
    const error = await rejection(keyless.doGenerate({ messages }));
    const streamError = await rejection(collectParts(keyless.doStream({ messages })));

    expect(SecretMissingError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "openai (gpt-4.1-mini): no API key. None of the environment variables OPENAI_API_KEY is set. Set one of them, or pass the key explicitly.",
    );
    expect(streamError.message).toBe(error.message);
    expect(server.requests).toHaveLength(0);
  });

  it("says nothing is listening when the server is down", async () => {
    server = await startLoopbackServer(() => {});
    const url = server.url;
    await server.close();
    const error = await providerFailure(openai("gpt-4.1-mini", { baseURL: url, apiKey: key }).doGenerate({ messages }));

    expect(error.message).toBe(
      `openai (gpt-4.1-mini): nothing is listening at ${url}. Start the server, or check the base URL.`,
    );
    expect(error.isRetryable).toBe(false);
  });
});
