import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors/provider-error.js";
import {
  type LoopbackServer,
  sendEvents,
  sendJson,
  sendJsonLines,
  startLoopbackServer,
} from "../testing/loopback-server.js";
import { postJson, retryAfterMs } from "./http-call.js";
import { acquireEndpoint } from "./limiter.js";
import { retryDelay, withRetries } from "./retry.js";
import { readEventBatches, readJsonLineBatches } from "./streams.js";

const context = { provider: "test", modelId: "m1" };
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("postJson", () => {
  it("turns error statuses into ProviderErrors with the provider's message, status and Retry-After", async () => {
    server = await startLoopbackServer({
      "POST /limited": (_request, response) =>
        sendJson(
          response,
          429,
          { error: { message: "Rate limit reached for m1", type: "rate_limit" } },
          { "retry-after": "2" },
        ),
      "POST /bad": (_request, response) =>
        sendJson(response, 400, {
          type: "error",
          error: { type: "invalid_request_error", message: "max_tokens: must be positive" },
        }),
      "POST /ollama": (_request, response) =>
        sendJson(response, 404, { error: "model 'qwen' not found, try pulling it first" }),
    });
    const limited = await postJson(`${server.url}/limited`, {}, { context }).catch((error) => error);
    expect(ProviderError.isInstance(limited)).toBe(true);
    expect(limited.message).toBe(
      "test (m1): HTTP 429: Rate limit reached for m1. Rate limited: lower the concurrency or wait.",
    );
    expect(limited.isRetryable).toBe(true);
    expect(limited.retryAfterMs).toBe(2000);
    const bad = await postJson(`${server.url}/bad`, {}, { context }).catch((error) => error);
    expect(bad.message).toBe("test (m1): HTTP 400: max_tokens: must be positive");
    expect(bad.isRetryable).toBe(false);
    const missing = await postJson(`${server.url}/ollama`, {}, { context }).catch((error) => error);
    expect(missing.message).toBe(
      "test (m1): HTTP 404: model 'qwen' not found, try pulling it first. Check the model name and the base URL.",
    );
  });

  it("names a server that is not running", async () => {
    const stopped = await startLoopbackServer(() => {});
    await stopped.close();
    const error = await postJson(`${stopped.url}/v1/chat`, {}, { context }).catch((caught) => caught);
    expect(error.message).toBe(
      `test (m1): nothing is listening at ${stopped.url}. Start the server, or check the base URL.`,
    );
    expect(error.isRetryable).toBe(false);
  });

  it("names a port fetch refuses instead of retrying it", async () => {
    // 6000 (X11) is on the Fetch standard's list of bad ports: Node's fetch refuses it without connecting.
    const error = await postJson("http://127.0.0.1:6000/v1/chat", {}, { context }).catch((caught) => caught);
    expect(error.message).toBe(
      "test (m1): fetch refuses port 6000, one of the ports the Fetch standard blocks. Serve the model on another port (such as 8080) and change the base URL.",
    );
    expect(error.isRetryable).toBe(false);
  });

  it("reads Retry-After in seconds, milliseconds and as a date", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "1.5" }))).toBe(1500);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(retryAfterMs(new Headers({ "retry-after": inTwoSeconds }))).toBeGreaterThan(0);
  });
});

describe("withRetries", () => {
  it("waits as long as Retry-After says, then succeeds", async () => {
    let calls = 0;
    server = await startLoopbackServer((_request, response) => {
      calls++;
      if (calls === 1) return sendJson(response, 429, { error: { message: "slow down" } }, { "retry-after-ms": "30" });
      if (calls === 2) return sendJson(response, 503, { error: { message: "overloaded" } });
      return sendJson(response, 200, { ok: true });
    });
    const delays: number[] = [];
    const response = await withRetries(() => postJson(server!.url, {}, { context }), {
      initialDelayMs: 10,
      onRetry: (_error, delay) => delays.push(delay),
    });
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toBe(3);
    expect(delays[0]).toBe(30);
    expect(delays[1]).toBeGreaterThanOrEqual(10);
  });

  it("never retries other 4xx, and gives up after maxRetries", async () => {
    let calls = 0;
    server = await startLoopbackServer((_request, response) => {
      calls++;
      sendJson(response, calls > 10 ? 401 : 500, { error: { message: "nope" } });
    });
    const exhausted = await withRetries(() => postJson(server!.url, {}, { context }), {
      maxRetries: 2,
      initialDelayMs: 1,
    }).catch((error) => error);
    expect(calls).toBe(3);
    expect(exhausted.attempts).toBe(3);
    calls = 20;
    const unauthorized = await withRetries(() => postJson(server!.url, {}, { context }), {
      maxRetries: 5,
      initialDelayMs: 1,
    }).catch((error) => error);
    expect(calls).toBe(21);
    expect(unauthorized.message).toContain("HTTP 401: nope. Check the API key");
  });

  it("backs off exponentially with jitter, and refuses a Retry-After above the limit", () => {
    const error = new ProviderError({ ...context, message: "x", statusCode: 500 });
    for (let attempt = 1; attempt <= 4; attempt++) {
      const delay = retryDelay(error, attempt, { initialDelayMs: 100 })!;
      expect(delay).toBeGreaterThanOrEqual(50 * 2 ** (attempt - 1));
      expect(delay).toBeLessThanOrEqual(100 * 2 ** (attempt - 1));
    }
    const tooLong = new ProviderError({ ...context, message: "x", statusCode: 429, retryAfterMs: 120_000 });
    expect(retryDelay(tooLong, 1, {})).toBeUndefined();
  });

  it("stops waiting when aborted", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 429, { error: { message: "wait" } }, { "retry-after": "30" }),
    );
    const controller = new AbortController();
    const pending = withRetries(() => postJson(server!.url, {}, { context, signal: controller.signal }), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop")), 50);
    await expect(pending).rejects.toThrow("stop");
  });
});

describe("streams", () => {
  it("reads server-sent events in batches, skipping keep-alive comments", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendEvents(response, [
        { comment: "OPENROUTER PROCESSING" },
        { n: 1 },
        { event: "ping", data: {} },
        { n: 2 },
        "[DONE]",
      ]),
    );
    const response = await postJson(server.url, {}, { context });
    const events = [];
    for await (const batch of readEventBatches(response, server.url, context)) events.push(...batch);
    expect(events.map((event) => [event.event, event.data])).toEqual([
      [undefined, '{"n":1}'],
      ["ping", "{}"],
      [undefined, '{"n":2}'],
      [undefined, "[DONE]"],
    ]);
  });

  it("reports a connection cut in the middle of a stream as retryable", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendEvents(response, [{ n: 1 }, { n: 2 }, { n: 3 }], { cutAfter: 2, delayMs: 5 }),
    );
    const response = await postJson(server.url, {}, { context });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const batch of readEventBatches(response, server!.url, context))
        seen.push(...batch.map((event) => event.data));
    })().catch((caught) => caught);
    expect(seen).toEqual(['{"n":1}', '{"n":2}']);
    expect(error.message).toBe("test (m1): closed the connection in the middle of the stream.");
    expect(error.isRetryable).toBe(true);
  });

  it("reads NDJSON and names a malformed line", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJsonLines(response, [{ a: 1 }, { a: 2 }, "{not json"]),
    );
    const response = await postJson(server.url, {}, { context });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const batch of readJsonLineBatches(response, server!.url, context)) seen.push(...batch);
    })().catch((caught) => caught);
    expect(seen).toEqual([{ a: 1 }, { a: 2 }]);
    expect(error.message).toBe("test (m1): sent a malformed line in its stream: {not json");
  });
});

describe("endpoint limits", () => {
  it("serves waiters in order and never exceeds the limit", async () => {
    const endpoint = `limit-test-${Math.random()}`;
    const order: number[] = [];
    let active = 0;
    let peak = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (index) => {
        const release = await acquireEndpoint(endpoint, 2);
        order.push(index);
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setImmediate(resolve));
        active--;
        release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});
