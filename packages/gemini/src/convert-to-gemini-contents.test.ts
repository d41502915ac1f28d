import { ChatMessage } from "@trama/core";
import { describe, expect, it } from "vitest";
import { convertToGeminiContents } from "./convert-to-gemini-contents.js";

const describeModel = { provider: "gemini", modelId: "gemini-2.5-flash" };

describe("convertToGeminiContents", () => {
  it("turns assistants into model turns and keeps each run of tool results in its own user turn", () => {
    const prompt = convertToGeminiContents(
      [
        ChatMessage.system("You are terse."),
        ChatMessage.user("Add 1 and 2, then 3 and 4."),
        ChatMessage.assistant([
          { type: "tool-call", id: "call_a", name: "add", arguments: { a: 1, b: 2 } },
          { type: "tool-call", id: "call_b", name: "add", arguments: { a: 3, b: 4 } },
        ]),
        ChatMessage.tool("7", "call_b"),
        ChatMessage.tool("3", "call_a"),
        ChatMessage.user("Thanks."),
      ],
      describeModel,
    );
    expect(prompt.systemInstruction).toEqual({ parts: [{ text: "You are terse." }] });
    expect(prompt.contents).toEqual([
      { role: "user", parts: [{ text: "Add 1 and 2, then 3 and 4." }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "add", args: { a: 1, b: 2 } } },
          { functionCall: { name: "add", args: { a: 3, b: 4 } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "add", response: { output: "3" } } },
          { functionResponse: { name: "add", response: { output: "7" } } },
        ],
      },
      { role: "user", parts: [{ text: "Thanks." }] },
    ]);
  });

  it("sends a lone signature back on an empty text part", () => {
    const prompt = convertToGeminiContents(
      [ChatMessage.user("Hi"), ChatMessage.assistant([{ type: "reasoning", text: "", signature: "c2ln" }])],
      describeModel,
    );
    expect(prompt.contents[1]).toEqual({ role: "model", parts: [{ text: "", thoughtSignature: "c2ln" }] });
  });
});
