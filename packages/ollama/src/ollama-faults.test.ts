import { ChatMessage } from "@trama/core";
import { type ChatStreamPart, ProviderError, withRetries } from "@trama/provider";
import {
  type LoopbackServer,
  providerFailure,
  sendJson,
  sendJsonLines,
  startLoopbackServer,
  streamFailure,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture, jsonLinesFixture } from "./__fixtures__/load-fixture.js";
import { OllamaChatModel } from "./ollama-chat-model.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const request = { messages: [ChatMessage.user("Why is the sky blue?")] };

function model() {
  return new OllamaChatModel("qwen2.5:7b", { baseURL: server!.url });
}

describe("Ollama faults", () => {
  it("model not found (404) says to pull the model, and is not retryable", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) => sendJson(response, 404, jsonFixture("error-model-not-found.json")),
    });
    const chat = model();
    const expected = `ollama (qwen2.5:7b): HTTP 404: model 'qwen2.5:7b' not found, try pulling it first. Run \`ollama pull qwen2.5:7b\` on the Ollama server (${server.url}), or check the model name.`;
    const generateError = await providerFailure(chat.doGenerate(request));
    expect(generateError.message).toBe(expected);
    expect(generateError.statusCode).toBe(404);
    expect(generateError.isRetryable).toBe(false);
    const { error: streamError } = await streamFailure(chat.doStream(request));
    expect(streamError.message).toBe(expected);
  });

  it("500 is retryable and quotes Ollama's message", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) =>
        sendJson(response, 500, { error: "llama runner process has terminated: exit status 2" }),
    });
    const error = await providerFailure(model().doGenerate(request));
    expect(error.message).toBe("ollama (qwen2.5:7b): HTTP 500: llama runner process has terminated: exit status 2");
    expect(error.isRetryable).toBe(true);
  });

  it("429 with Retry-After: withRetries waits as asked and then succeeds", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": [
        (_request, response) => sendJson(response, 429, { error: "too many requests" }, { "retry-after": "1" }),
        (_request, response) => sendJson(response, 200, jsonFixture("chat-text.json")),
      ],
    });
    const chat = model();
    const delays: number[] = [];
    const started = Date.now();
    const response = await withRetries(() => chat.doGenerate(request), {
      onRetry: (error, delayMs) => {
        expect(error.statusCode).toBe(429);
        expect(error.retryAfterMs).toBe(1000);
        delays.push(delayMs);
      },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(delays).toEqual([1000]);
    expect(response.message.text).toBe("The sky is blue because of Rayleigh scattering.");
    expect(server.requests).toHaveLength(2);
  });

  it("a connection cut mid-stream is a retryable ProviderError, after the parts already received", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) =>
        sendJsonLines(response, jsonLinesFixture("chat-text-stream.ndjson"), { cutAfter: 2, delayMs: 10 }),
    });
    const { parts: seen, error } = await streamFailure(model().doStream(request));
    expect(error.message).toBe("ollama (qwen2.5:7b): closed the connection in the middle of the stream.");
    expect(error.isRetryable).toBe(true);
    expect(seen.filter((part) => part.type === "text-delta")).toHaveLength(2);
    expect(seen.some((part) => part.type === "finish")).toBe(false);
  });

  it("a stream that ends without done: true is a retryable ProviderError", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) =>
        sendJsonLines(response, jsonLinesFixture("chat-text-stream.ndjson").slice(0, 2)),
    });
    const { error } = await streamFailure(model().doStream(request));
    expect(error.message).toBe("ollama (qwen2.5:7b): ended the stream before its last line (done: true).");
    expect(error.isRetryable).toBe(true);
  });

  it("a malformed NDJSON line is a ProviderError quoting it", async () => {
    const [first, , ...rest] = jsonLinesFixture("chat-text-stream.ndjson");
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) =>
        sendJsonLines(response, [first!, '{"model":"qwen2.5:7b","mess', ...rest]),
    });
    const { error } = await streamFailure(model().doStream(request));
    expect(error.message).toBe('ollama (qwen2.5:7b): sent a malformed line in its stream: {"model":"qwen2.5:7b","mess');
    expect(error.isRetryable).toBe(false);
  });

  it("an error line mid-stream is a ProviderError with Ollama's message (and its status when given)", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": [
        (_request, response) => sendJsonLines(response, jsonLinesFixture("error-mid-stream.ndjson")),
        (_request, response) =>
          sendJsonLines(response, [
            { error: "server busy, please try again. maximum pending requests exceeded", status: 503 },
          ]),
      ],
    });
    const chat = model();
    const { parts: seen, error } = await streamFailure(chat.doStream(request));
    expect(error.message).toBe("ollama (qwen2.5:7b): an error was encountered while running the model.");
    expect(error.isRetryable).toBe(false);
    expect(seen.map((part) => part.type)).toEqual(["response-metadata", "text-delta", "text-delta"]);
    const { error: busy } = await streamFailure(chat.doStream(request));
    expect(busy.statusCode).toBe(503);
    expect(busy.isRetryable).toBe(true);
    expect(busy.message).toBe(
      "ollama (qwen2.5:7b): HTTP 503: server busy, please try again. maximum pending requests exceeded.",
    );
  });

  it("an error in a 200 body is a ProviderError", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) => sendJson(response, 200, { error: "unexpected server status" }),
    });
    const error = await providerFailure(model().doGenerate(request));
    expect(error.message).toBe("ollama (qwen2.5:7b): unexpected server status.");
  });

  it("aborting mid-stream stops with the abort, not a ProviderError", async () => {
    server = await startLoopbackServer({
      "POST /api/chat": (_request, response) =>
        sendJsonLines(response, jsonLinesFixture("chat-text-stream.ndjson"), { delayMs: 200 }),
    });
    const controller = new AbortController();
    const seen: ChatStreamPart[] = [];
    const stream = model().doStream({
      ...request,
      signal: controller.signal,
    });
    let error: unknown;
    try {
      for await (const batch of stream) {
        for (const part of batch) {
          seen.push(part);
          if (part.type === "text-delta") controller.abort();
        }
      }
    } catch (caught) {
      error = caught;
    }
    expect(ProviderError.isInstance(error)).toBe(false);
    expect((error as Error).name).toBe("AbortError");
    expect(seen.map((part) => part.type)).toEqual(["response-metadata", "text-delta"]);
  });

  it("nothing listening is a ProviderError that is not retried", async () => {
    const closed = await startLoopbackServer(() => {});
    const { url } = closed;
    await closed.close();
    const error = await providerFailure(new OllamaChatModel("qwen2.5:7b", { baseURL: url }).doGenerate(request));
    expect(error.message).toContain(`nothing is listening at ${url}.`);
    expect(error.isRetryable).toBe(false);
  });
});
