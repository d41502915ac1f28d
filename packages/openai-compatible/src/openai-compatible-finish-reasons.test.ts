import { ChatMessage, Secret } from "@trama/core";
import { collectParts, type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { completionEndingWith, streamEndingWith } from "./__fixtures__/openai-chat.js";
import { openai } from "./index.js";
import { mapOpenAICompatibleFinishReason } from "./map-openai-compatible-finish-reason.js";
import { convertOpenAICompatibleUsage } from "./openai-compatible-usage.js";

let server: LoopbackServer;
afterEach(() => server?.close());

const cases = [
  ["stop", "stop"],
  ["length", "length"],
  ["model_length", "length"],
  ["tool_calls", "tool-calls"],
  ["function_call", "tool-calls"],
  ["content_filter", "content-filter"],
  ["insufficient_system_resource", "error"],
  ["something_new", "other"],
] as const;

describe("finish reasons", () => {
  it.each(cases)("maps %s to %s, whole and streamed", async (raw, unified) => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => sendJson(response, 200, completionEndingWith(raw)),
        (_, response) => sendEvents(response, streamEndingWith(raw)),
      ],
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: Secret.fromToken("k") });
    const whole = await model.doGenerate({ messages: [ChatMessage.user("Hi")] });
    const parts = await collectParts(model.doStream({ messages: [ChatMessage.user("Hi")] }));

    expect(whole.finishReason).toEqual({ unified, raw });
    expect(whole.message.meta.finishReason).toBe(unified);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified, raw } });
  });

  it("maps a missing finish reason to other", () => {
    expect(mapOpenAICompatibleFinishReason(null)).toEqual({ unified: "other", raw: undefined });
  });
});

describe("usage", () => {
  it("leaves absent counts out and falls back to llama.cpp's timings", () => {
    expect(convertOpenAICompatibleUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
    expect(convertOpenAICompatibleUsage(undefined, { prompt_n: 10, predicted_n: 20, predicted_ms: 412.5 })).toEqual({
      inputTokens: 10,
      outputTokens: 20,
      totalTokens: 30,
    });
    expect(convertOpenAICompatibleUsage({ prompt_tokens: 9, prompt_cache_hit_tokens: 8 }).cachedInputTokens).toBe(8);
    expect(convertOpenAICompatibleUsage(null)).toEqual({});
  });
});
