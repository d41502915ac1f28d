import { ChatMessage } from "@trama/core";
import { describe, expect, it } from "vitest";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";

describe("convertToAnthropicMessages", () => {
  it("collects every system message into the system field", () => {
    const prompt = convertToAnthropicMessages([
      ChatMessage.system("You are terse."),
      ChatMessage.user("Hi"),
      ChatMessage.system("Answer in French."),
    ]);
    expect(prompt.system).toEqual([
      { type: "text", text: "You are terse." },
      { type: "text", text: "Answer in French." },
    ]);
    expect(prompt.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  it("merges tool results and a following user message into one user turn, dropping empty text", () => {
    const prompt = convertToAnthropicMessages([
      ChatMessage.user("Add 1 and 2."),
      ChatMessage.assistant([
        { type: "text", text: "" },
        { type: "tool-call", id: "toolu_1", name: "add", arguments: { a: 1, b: 2 } },
      ]),
      ChatMessage.tool("3", "toolu_1"),
      ChatMessage.user("Now explain."),
    ]);
    expect(prompt.system).toBeUndefined();
    expect(prompt.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Add 1 and 2." }] },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "add", input: { a: 1, b: 2 } }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "3" },
          { type: "text", text: "Now explain." },
        ],
      },
    ]);
  });
});
