import { ChatMessage, Secret } from "@trama/core";
import { collectParts, type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture, sseFixture } from "./__fixtures__/fixtures.js";
import { AnthropicChatModel } from "./anthropic-chat-model.js";

let server: LoopbackServer;
afterEach(() => server?.close());

function model() {
  return new AnthropicChatModel("claude-sonnet-4-5", { baseURL: server.url, apiKey: Secret.fromToken("test-key") });
}

const weatherTool = {
  name: "get_weather",
  description: "The current weather in a city.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const paris = {
  type: "tool-call",
  id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
  name: "get_weather",
  arguments: { city: "Paris" },
  rawArguments: '{"city":"Paris"}',
};
const tokyo = {
  type: "tool-call",
  id: "toolu_01VxyZQ3Lk4Wb1Jq7cPu2RdT",
  name: "get_weather",
  arguments: { city: "Tokyo" },
  rawArguments: '{"city":"Tokyo"}',
};

describe("AnthropicChatModel tools", () => {
  it("returns two parallel tool calls and sends the tools with their schemas", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("tool-use.json")),
    });
    const result = await model().doGenerate({
      messages: [ChatMessage.user("Weather in Paris and Tokyo?")],
      tools: [weatherTool],
      toolChoice: "auto",
    });
    expect(result.message.content).toEqual([
      { type: "text", text: "I'll check the weather in both cities." },
      paris,
      tokyo,
    ]);
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "tool_use" });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        { name: "get_weather", description: "The current weather in a city.", input_schema: weatherTool.parameters },
      ],
      tool_choice: { type: "auto" },
    });
  });

  it("sends the results of parallel calls back as one user message of tool_result blocks", async () => {
    server = await startLoopbackServer({
      "POST /messages": [
        (_, response) => sendJson(response, 200, jsonFixture("tool-use.json")),
        (_, response) => sendJson(response, 200, jsonFixture("tool-result-answer.json")),
      ],
    });
    const question = ChatMessage.user("Weather in Paris and Tokyo?");
    const first = await model().doGenerate({ messages: [question], tools: [weatherTool] });
    const [parisCall, tokyoCall] = first.message.toolCalls;
    const second = await model().doGenerate({
      messages: [
        question,
        first.message,
        ChatMessage.tool("18°C, sunny", parisCall!.id, { name: "get_weather" }),
        ChatMessage.tool("city not found: Tokio", tokyoCall!.id, { name: "get_weather", isError: true }),
      ],
      tools: [weatherTool],
    });
    expect(second.message.text).toBe("It is 18°C and sunny in Paris, and 24°C with light rain in Tokyo.");
    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris and Tokyo?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "I'll check the weather in both cities." },
          { type: "tool_use", id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_01VxyZQ3Lk4Wb1Jq7cPu2RdT", name: "get_weather", input: { city: "Tokyo" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", content: "18°C, sunny" },
          {
            type: "tool_result",
            tool_use_id: "toolu_01VxyZQ3Lk4Wb1Jq7cPu2RdT",
            content: "city not found: Tokio",
            is_error: true,
          },
        ],
      },
    ]);
  });

  it("streams tool calls as deltas, then each whole call", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendEvents(response, sseFixture("tool-use.sse")),
    });
    const parts = await collectParts(
      model().doStream({ messages: [ChatMessage.user("Weather?")], tools: [weatherTool] }),
    );
    expect(parts.slice(1)).toEqual([
      { type: "text-delta", text: "I'll check the weather in both cities." },
      {
        type: "tool-call-delta",
        index: 0,
        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
        name: "get_weather",
        argumentsDelta: "",
      },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"city": "Pa' },
      { type: "tool-call-delta", index: 0, argumentsDelta: 'ris"}' },
      { type: "tool-call", call: { ...paris, rawArguments: '{"city": "Paris"}' } },
      {
        type: "tool-call-delta",
        index: 1,
        id: "toolu_01VxyZQ3Lk4Wb1Jq7cPu2RdT",
        name: "get_weather",
        argumentsDelta: "",
      },
      { type: "tool-call-delta", index: 1, argumentsDelta: '{"city": ' },
      { type: "tool-call-delta", index: 1, argumentsDelta: '"Tokyo"}' },
      { type: "tool-call", call: { ...tokyo, rawArguments: '{"city": "Tokyo"}' } },
      {
        type: "finish",
        finishReason: { unified: "tool-calls", raw: "tool_use" },
        usage: { inputTokens: 472, outputTokens: 89, cachedInputTokens: 0, totalTokens: 561 },
        warnings: [],
      },
    ]);
  });

  it.each([
    ["required", { type: "any" }],
    ["none", { type: "none" }],
    [{ tool: "get_weather" }, { type: "tool", name: "get_weather" }],
  ] as const)("maps the tool choice %j", async (toolChoice, expected) => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("tool-use.json")),
    });
    await model().doGenerate({ messages: [ChatMessage.user("Weather?")], tools: [weatherTool], toolChoice });
    expect(server.requests[0]!.body.tool_choice).toEqual(expected);
  });
});
