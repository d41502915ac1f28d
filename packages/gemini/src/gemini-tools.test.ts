import { ChatMessage, Secret } from "@trama/core";
import { ProviderError } from "@trama/provider";
import { collectParts, type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture, sseFixture } from "./__fixtures__/fixtures.js";
import { GeminiChatModel } from "./gemini-chat-model.js";

const GENERATE = "POST /models/gemini-2.5-flash:generateContent";
const STREAM = "POST /models/gemini-2.5-flash:streamGenerateContent";
const signature = "CiQB0e2Kb7vZ4d2Ku3G1yXb2qk0Hf4mL3t3q5bVbRk1cQ6nTQ1gKYgHR7YpvJ0dD";

let server: LoopbackServer;
afterEach(() => server?.close());

function model() {
  return new GeminiChatModel("gemini-2.5-flash", { baseURL: server.url, apiKey: Secret.fromToken("test-key") });
}

const weatherTool = {
  name: "get_weather",
  description: "The current weather in a city.",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: ["string", "null"], enum: ["C", "F", null] } },
    required: ["city"],
    additionalProperties: false,
  },
};

const paris = {
  type: "tool-call",
  id: "call_Bc5EaPuOHqnSz7IPlJ_OmQk_0",
  name: "get_weather",
  arguments: { city: "Paris" },
  rawArguments: '{"city":"Paris"}',
};
const tokyo = {
  type: "tool-call",
  id: "call_Bc5EaPuOHqnSz7IPlJ_OmQk_1",
  name: "get_weather",
  arguments: { city: "Tokyo" },
  rawArguments: '{"city":"Tokyo"}',
};

describe("GeminiChatModel tools", () => {
  it("returns two parallel calls with stable ids and sends JSON Schema parameters as they are", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("tool-calls.json")),
    });
    const result = await model().doGenerate({
      messages: [ChatMessage.user("Weather in Paris and Tokyo?")],
      tools: [weatherTool],
      toolChoice: "auto",
    });
    expect(result.message.content).toEqual([{ type: "reasoning", text: "", signature }, paris, tokyo]);
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "STOP" });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          functionDeclarations: [
            {
              name: "get_weather",
              description: "The current weather in a city.",
              parametersJsonSchema: weatherTool.parameters,
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: "AUTO" } },
    });
  });

  it("sends results back as functionResponse parts, by name, in the order of the calls", async () => {
    server = await startLoopbackServer({
      [GENERATE]: [
        (_, response) => sendJson(response, 200, jsonFixture("tool-calls.json")),
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
        // Results arrive in another order, and without names: both come from the calls.
        ChatMessage.tool("city not found: Tokio", tokyoCall!.id, { isError: true }),
        ChatMessage.tool('{"temperature":18,"sky":"sunny"}', parisCall!.id),
      ],
      tools: [weatherTool],
    });
    expect(second.message.text).toBe("It is 18°C and sunny in Paris, and 24°C with light rain in Tokyo.");
    expect(server.requests[1]!.body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and Tokyo?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: signature },
          { functionCall: { name: "get_weather", args: { city: "Tokyo" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { output: '{"temperature":18,"sky":"sunny"}' } } },
          { functionResponse: { name: "get_weather", response: { error: "city not found: Tokio" } } },
        ],
      },
    ]);
  });

  it("streams each call as one delta with all its arguments, then the call", async () => {
    server = await startLoopbackServer({
      [STREAM]: (_, response) => sendEvents(response, sseFixture("tool-calls.sse")),
    });
    const parts = await collectParts(
      model().doStream({ messages: [ChatMessage.user("Weather?")], tools: [weatherTool] }),
    );
    expect(parts.slice(1)).toEqual([
      { type: "reasoning-delta", text: "", signature },
      { type: "tool-call-delta", index: 0, id: paris.id, name: "get_weather", argumentsDelta: '{"city":"Paris"}' },
      { type: "tool-call", call: paris },
      { type: "tool-call-delta", index: 1, id: tokyo.id, name: "get_weather", argumentsDelta: '{"city":"Tokyo"}' },
      { type: "tool-call", call: tokyo },
      {
        type: "finish",
        finishReason: { unified: "tool-calls", raw: "STOP" },
        usage: { inputTokens: 71, outputTokens: 88, reasoningTokens: 58, totalTokens: 159 },
        warnings: [],
      },
    ]);
  });

  it.each([
    ["none", { mode: "NONE" }],
    ["required", { mode: "ANY" }],
    [{ tool: "get_weather" }, { mode: "ANY", allowedFunctionNames: ["get_weather"] }],
  ] as const)("maps the tool choice %j", async (toolChoice, expected) => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("tool-calls.json")),
    });
    await model().doGenerate({ messages: [ChatMessage.user("Weather?")], tools: [weatherTool], toolChoice });
    expect(server.requests[0]!.body.toolConfig).toEqual({ functionCallingConfig: expected });
  });

  it("refuses a result that names no tool and answers no call", async () => {
    server = await startLoopbackServer({
      [GENERATE]: (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    const error = await model()
      .doGenerate({ messages: [ChatMessage.user("Hi"), ChatMessage.tool("42", "call_unknown")] })
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "gemini (gemini-2.5-flash): the result of tool call 'call_unknown' has no name and answers no earlier call; Gemini needs the tool's name.",
    );
    expect(server.requests).toHaveLength(0);
  });
});
