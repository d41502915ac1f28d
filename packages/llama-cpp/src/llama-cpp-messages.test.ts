import { ChatMessage } from "@trama/core";
import type { LlamaChatResponse } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { toChatHistory, toFinishReason, toFunctions, toResponseParts } from "./llama-cpp-messages.js";

const weather = {
  name: "get_weather",
  description: "The weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("toChatHistory", () => {
  it("maps system, user and assistant messages", () => {
    const { history, warnings } = toChatHistory([
      ChatMessage.system("Be brief."),
      ChatMessage.user("Hi"),
      ChatMessage.assistant([
        { type: "reasoning", text: "greet back" },
        { type: "text", text: "Hello!" },
      ]),
      ChatMessage.user("Bye"),
    ]);
    expect(history).toEqual([
      { type: "system", text: "Be brief." },
      { type: "user", text: "Hi" },
      {
        type: "model",
        response: [{ type: "segment", segmentType: "thought", text: "greet back", ended: true }, "Hello!"],
      },
      { type: "user", text: "Bye" },
    ]);
    expect(warnings).toEqual([]);
  });

  it("puts tool calls with their results in the model response, which the following answer continues", () => {
    const { history, warnings } = toChatHistory([
      ChatMessage.user("Weather in Paris and Rome?"),
      ChatMessage.assistant([
        { type: "text", text: "Checking." },
        { type: "tool-call", id: "a", name: "get_weather", arguments: { city: "Paris" } },
        { type: "tool-call", id: "b", name: "get_weather", arguments: { city: "Rome" } },
      ]),
      ChatMessage.tool("rain", "b"),
      ChatMessage.tool("timeout", "a", { isError: true }),
      ChatMessage.assistant("Paris: unknown; Rome: rain."),
    ]);
    expect(history).toEqual([
      { type: "user", text: "Weather in Paris and Rome?" },
      {
        type: "model",
        response: [
          "Checking.",
          {
            type: "functionCall",
            name: "get_weather",
            params: { city: "Paris" },
            result: "Error: timeout",
            startsNewChunk: true,
          },
          { type: "functionCall", name: "get_weather", params: { city: "Rome" }, result: "rain" },
          "Paris: unknown; Rome: rain.",
        ],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it("warns about images and results without a call", () => {
    const { history, warnings } = toChatHistory([
      ChatMessage.user([
        { type: "text", text: "What is this?" },
        { type: "image", url: "https://example.com/cat.png" },
      ]),
      ChatMessage.tool("orphan", "nope"),
    ]);
    expect(history).toEqual([{ type: "user", text: "What is this?" }]);
    expect(warnings.map((warning) => warning.feature)).toEqual(["images", "tool-result"]);
  });
});

describe("toFunctions", () => {
  it("maps tools to node-llama-cpp functions by tool choice", () => {
    const warnings: never[] = [];
    expect(toFunctions({ messages: [], tools: [weather] }, warnings)).toEqual({
      get_weather: { description: "The weather in a city", params: weather.parameters },
    });
    expect(toFunctions({ messages: [], tools: [weather], toolChoice: "none" }, warnings)).toBeUndefined();
    expect(toFunctions({ messages: [] }, warnings)).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("keeps only the chosen tool and warns that a call cannot be forced", () => {
    const warnings: { feature: string }[] = [];
    const other = { name: "other", parameters: { type: "object", properties: {} } };
    const functions = toFunctions(
      { messages: [], tools: [weather, other], toolChoice: { tool: "other" } },
      warnings as never,
    );
    expect(Object.keys(functions!)).toEqual(["other"]);
    expect(warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "toolChoice" })]);
  });
});

describe("toResponseParts", () => {
  it("orders reasoning, text and tool calls, with the given call ids", () => {
    const result = {
      response: "Let me check.",
      fullResponse: [
        { type: "segment", segmentType: "thought", text: "need weather", ended: true, raw: [] },
        "Let me check.",
      ],
      functionCalls: [
        { functionName: "get_weather", params: { city: "Paris" }, raw: [] },
        { functionName: "now", params: undefined, raw: [] },
      ],
      lastEvaluation: { cleanHistory: [], contextWindow: [], contextShiftMetadata: null },
      metadata: { stopReason: "functionCalls" },
    } as unknown as LlamaChatResponse<never>;
    expect(toResponseParts(result, (index) => `call_${index}`)).toEqual([
      { type: "reasoning", text: "need weather" },
      { type: "text", text: "Let me check." },
      {
        type: "tool-call",
        id: "call_0",
        name: "get_weather",
        arguments: { city: "Paris" },
        rawArguments: '{"city":"Paris"}',
      },
      { type: "tool-call", id: "call_1", name: "now", arguments: {}, rawArguments: "{}" },
    ]);
  });
});

describe("toFinishReason", () => {
  it("maps node-llama-cpp's stop reasons", () => {
    expect(toFinishReason("eogToken")).toEqual({ unified: "stop", raw: "eogToken" });
    expect(toFinishReason("stopGenerationTrigger").unified).toBe("stop");
    expect(toFinishReason("customStopTrigger").unified).toBe("stop");
    expect(toFinishReason("maxTokens")).toEqual({ unified: "length", raw: "maxTokens" });
    expect(toFinishReason("functionCalls")).toEqual({ unified: "tool-calls", raw: "functionCalls" });
    expect(toFinishReason("abort")).toEqual({ unified: "other", raw: "abort" });
  });
});
