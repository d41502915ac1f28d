import { ChatMessage, Secret } from "@trama/core";
import { collectParts, type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import * as deepseekFixtures from "./__fixtures__/deepseek.js";
import { textCompletion } from "./__fixtures__/openai-chat.js";
import * as openrouterFixtures from "./__fixtures__/openrouter.js";
import { deepseek, openrouter } from "./index.js";

let server: LoopbackServer;
afterEach(() => server?.close());

const key = Secret.fromToken("sk-test");
const question = ChatMessage.user("9.11 and 9.8, which is greater?");

describe("reasoning", () => {
  it("streams OpenRouter's reasoning deltas before the text, skipping keep-alive comments", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendEvents(response, openrouterFixtures.reasoningStream),
    });
    const parts = await collectParts(
      openrouter("openai/gpt-5.1", { baseURL: server.url, apiKey: key }).doStream({ messages: [question] }),
    );

    expect(parts).toEqual([
      { type: "response-metadata", id: "gen-1763906400-Xq2mL8vTnB3kR7pW9sYz", model: "openai/gpt-5.1" },
      { type: "reasoning-delta", text: "The user asks" },
      { type: "reasoning-delta", text: " for 9.11 vs 9.8." },
      { type: "text-delta", text: "9.8 is larger." },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: 194,
          outputTokens: 312,
          totalTokens: 506,
          reasoningTokens: 256,
          cachedInputTokens: 128,
          cost: 0.00337,
        },
        warnings: [],
      },
    ]);
  });

  it("puts OpenRouter's reasoning first in the message and reports the cost", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, openrouterFixtures.reasoningCompletion),
    });
    const result = await openrouter("openai/gpt-5.1", { baseURL: server.url, apiKey: key }).doGenerate({
      messages: [question],
    });

    expect(result.message.content).toEqual([
      { type: "reasoning", text: "The user asks for 9.11 vs 9.8." },
      { type: "text", text: "9.8 is larger." },
    ]);
    expect(result.usage.cost).toBe(0.00337);
  });

  it("reads DeepSeek's reasoning_content, streamed and whole, with its usage", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => sendEvents(response, deepseekFixtures.reasoningStream),
        (_, response) => sendJson(response, 200, deepseekFixtures.reasoningCompletion),
      ],
    });
    const model = deepseek("deepseek-reasoner", { baseURL: server.url, apiKey: key });
    const parts = await collectParts(model.doStream({ messages: [question] }));
    const whole = await model.doGenerate({ messages: [question] });

    expect(parts.filter((part) => part.type !== "response-metadata")).toEqual([
      { type: "reasoning-delta", text: "Compare the tenths:" },
      { type: "reasoning-delta", text: " 8 > 1." },
      { type: "text-delta", text: "9.8 is greater." },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: 22, outputTokens: 270, totalTokens: 292, reasoningTokens: 252, cachedInputTokens: 0 },
        warnings: [],
      },
    ]);
    expect(whole.message.reasoning).toBe("Compare the tenths: 8 is more than 1, so 9.8 is greater.");
    expect(whole.message.text).toBe("9.8 is greater than 9.11.");
  });

  it("does not send DeepSeek's reasoning back after a plain answer", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => sendJson(response, 200, deepseekFixtures.reasoningCompletion),
        (_, response) => sendJson(response, 200, textCompletion),
      ],
    });
    const model = deepseek("deepseek-reasoner", { baseURL: server.url, apiKey: key });
    const first = await model.doGenerate({ messages: [question] });
    await model.doGenerate({ messages: [question, first.message, ChatMessage.user("And 9.10?")] });

    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: "9.11 and 9.8, which is greater?" },
      { role: "assistant", content: "9.8 is greater than 9.11." },
      { role: "user", content: "And 9.10?" },
    ]);
  });

  it("sends DeepSeek's reasoning back as reasoning_content on a turn that called tools (thinking mode needs it)", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => sendJson(response, 200, deepseekFixtures.toolCallCompletion),
        (_, response) => sendJson(response, 200, textCompletion),
      ],
    });
    const model = deepseek("deepseek-reasoner", { baseURL: server.url, apiKey: key });
    const tools = [
      { name: "get_weather", parameters: { type: "object", properties: { location: { type: "string" } } } },
    ];
    const first = await model.doGenerate({ messages: [ChatMessage.user("Weather in Hangzhou?")], tools });
    const result = ChatMessage.tool("Cloudy, 7~13°C", "call_00_Kc5WvJ3rN8mT2pQ7xL4sB9dF");
    await model.doGenerate({ messages: [ChatMessage.user("Weather in Hangzhou?"), first.message, result], tools });

    expect(server.requests[1]!.body.messages[1]).toEqual({
      role: "assistant",
      content: "",
      reasoning_content: "I need the weather first.",
      tool_calls: [
        {
          id: "call_00_Kc5WvJ3rN8mT2pQ7xL4sB9dF",
          type: "function",
          function: { name: "get_weather", arguments: '{"location":"Hangzhou"}' },
        },
      ],
    });
  });
});
