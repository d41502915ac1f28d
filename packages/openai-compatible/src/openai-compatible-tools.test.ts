import { ChatMessage, Secret } from "@trama/core";
import { ProviderError, type ToolDefinition } from "@trama/provider";
import {
  collectParts,
  type LoopbackServer,
  providerFailure,
  sendEvents,
  sendJson,
  startLoopbackServer,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { parallelToolCallsCompletion, textCompletion, toolCallStream } from "./__fixtures__/openai-chat.js";
import { openai } from "./index.js";

let server: LoopbackServer;
afterEach(() => server?.close());

const key = Secret.fromToken("sk-test");
const tools: ToolDefinition[] = [
  {
    name: "get_weather",
    description: "Current weather of a city.",
    parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
  },
];
const ask = ChatMessage.user("Weather in Paris and Tokyo?");
const paris = {
  type: "tool-call",
  id: "call_qOfTGgDrItLORNfC6VwUbyLL",
  name: "get_weather",
  arguments: { location: "Paris" },
  rawArguments: '{"location":"Paris"}',
};
const tokyo = {
  type: "tool-call",
  id: "call_9XTgPe1VmKhpUPOqzrfSZ1tT",
  name: "get_weather",
  arguments: { location: "Tokyo" },
  rawArguments: '{"location":"Tokyo"}',
};

describe("tool calls", () => {
  it("sends tools and tool_choice, and reads two parallel calls", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, parallelToolCallsCompletion),
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    const result = await model.doGenerate({ messages: [ask], tools, toolChoice: "required" });

    expect(result.message.content).toEqual([paris, tokyo]);
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "tool_calls" });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Current weather of a city.",
            parameters: tools[0]!.parameters,
          },
        },
      ],
      tool_choice: "required",
    });
  });

  it("names a forced tool as a function tool_choice and sends no tool_choice without tools", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    await model.doGenerate({ messages: [ask], tools, toolChoice: { tool: "get_weather" } });
    await model.doGenerate({ messages: [ask], toolChoice: "auto" });

    expect(server.requests[0]!.body.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(server.requests[1]!.body).not.toHaveProperty("tools");
    expect(server.requests[1]!.body).not.toHaveProperty("tool_choice");
  });

  it("assembles streamed argument fragments per index and yields each complete call", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendEvents(response, toolCallStream),
    });
    const parts = await collectParts(
      openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key }).doStream({ messages: [ask], tools }),
    );

    expect(parts.slice(1)).toEqual([
      {
        type: "tool-call-delta",
        index: 0,
        id: "call_qOfTGgDrItLORNfC6VwUbyLL",
        name: "get_weather",
        argumentsDelta: "",
      },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"loc' },
      { type: "tool-call-delta", index: 0, argumentsDelta: 'ation":"Paris"}' },
      {
        type: "tool-call-delta",
        index: 1,
        id: "call_9XTgPe1VmKhpUPOqzrfSZ1tT",
        name: "get_weather",
        argumentsDelta: "",
      },
      { type: "tool-call-delta", index: 1, argumentsDelta: '{"location":' },
      { type: "tool-call-delta", index: 1, argumentsDelta: '"Tokyo"}' },
      { type: "tool-call", call: paris },
      { type: "tool-call", call: tokyo },
      {
        type: "finish",
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage: { inputTokens: 91, outputTokens: 48, totalTokens: 139 },
        warnings: [],
      },
    ]);
  });

  it("sends the calls and their results back in a round trip", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": [
        (_, response) => sendJson(response, 200, parallelToolCallsCompletion),
        (_, response) => sendJson(response, 200, textCompletion),
      ],
    });
    const model = openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key });
    const first = await model.doGenerate({ messages: [ask], tools });
    const results = [
      ChatMessage.tool('{"celsius":18}', "call_qOfTGgDrItLORNfC6VwUbyLL", { name: "get_weather" }),
      ChatMessage.tool("city not found", "call_9XTgPe1VmKhpUPOqzrfSZ1tT", { name: "get_weather", isError: true }),
    ];
    await model.doGenerate({ messages: [ask, first.message, ...results], tools });

    expect(server.requests[1]!.body.messages).toEqual([
      { role: "user", content: "Weather in Paris and Tokyo?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          {
            id: "call_qOfTGgDrItLORNfC6VwUbyLL",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"Paris"}' },
          },
          {
            id: "call_9XTgPe1VmKhpUPOqzrfSZ1tT",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"Tokyo"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_qOfTGgDrItLORNfC6VwUbyLL", content: '{"celsius":18}' },
      { role: "tool", tool_call_id: "call_9XTgPe1VmKhpUPOqzrfSZ1tT", content: "Error: city not found" },
    ]);
  });

  it("reads a stop finish with tool calls (some local servers) as tool-calls, keeping the raw value", async () => {
    const body = {
      ...parallelToolCallsCompletion,
      choices: [{ ...parallelToolCallsCompletion.choices[0], finish_reason: "stop" }],
    };
    server = await startLoopbackServer({ "POST /chat/completions": (_, response) => sendJson(response, 200, body) });
    const result = await openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key }).doGenerate({
      messages: [ask],
      tools,
    });

    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "stop" });
  });

  it("fails on arguments that are not a JSON object, quoting them", async () => {
    const broken = structuredClone(parallelToolCallsCompletion);
    broken.choices[0]!.message.tool_calls[1]!.function.arguments = '{"location":"Tok';
    server = await startLoopbackServer({ "POST /chat/completions": (_, response) => sendJson(response, 200, broken) });
    const error = await providerFailure(
      openai("gpt-4.1-mini", { baseURL: server.url, apiKey: key }).doGenerate({ messages: [ask], tools }),
    );

    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `openai (gpt-4.1-mini): returned arguments for the tool 'get_weather' that are not a JSON object: {"location":"Tok`,
    );
    expect(error.isRetryable).toBe(false);
  });
});
