/**
 * Compile-time checks of `connect`: this file must type-check (`npm run typecheck`), and each `@ts-expect-error`
 * line must really be an error, or the typecheck fails.
 */
import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { chatMessageType } from "../data/chat-message.js";
import { t } from "../types/socket-type.js";
import type { CheckedReceiver } from "./addresses.js";
import { Pipeline } from "./pipeline.js";
import { Add, Collect } from "./test-components.js";

const Text = defineComponent({
  type: "test.TypedText",
  inputs: { text: t.string },
  outputs: { text: t.string, words: t.list(t.string) },
  run: ({ text }) => ({ text, words: text.split(" ") }),
});
const Chat = defineComponent({
  type: "test.TypedChat",
  inputs: { messages: t.list(chatMessageType) },
  outputs: { replies: t.list(chatMessageType) },
  run: ({ messages }) => ({ replies: messages }),
});

describe("connect types", () => {
  it("accepts compatible sockets and conversions, rejects the rest at compile time", () => {
    const pipeline = new Pipeline().add("text", Text()).add("add", Add()).add("collect", Collect()).add("chat", Chat());
    pipeline.connect("add.result", "collect.values");
    pipeline.connect("text.text", "chat.messages"); // string → list<ChatMessage>: wrapped and converted
    pipeline.connect("chat.replies", "text.text"); // list<ChatMessage> → string: unwrapped and converted
    // @ts-expect-error a string output cannot feed a number input
    expect(() => pipeline.connect("text.text", "add.value")).toThrow();
    // @ts-expect-error there is no such output
    expect(() => pipeline.connect("text.nothing", "add.value")).toThrow();
    // @ts-expect-error there is no such component
    expect(() => pipeline.connect("text.text", "missing.value")).toThrow();
    // @ts-expect-error a list of strings cannot feed a number list's items
    expect(() => pipeline.connect("text.words", "collect.values")).toThrow();
  });

  it("names both types in the compile-time error", () => {
    const pipeline = new Pipeline().add("text", Text()).add("add", Add());
    type Components = typeof pipeline extends Pipeline<infer C> ? C : never;
    const expected: CheckedReceiver<Components, "text.text", "add.value"> =
      "✗ text.text sends string, but add.value takes number";
    const fine: CheckedReceiver<Components, "add.result", "add.value"> = "add.value";
    expect([expected, fine]).toHaveLength(2);
  });

  it("types run results per component", async () => {
    const pipeline = new Pipeline().add("add", Add());
    const result = await pipeline.run({ add: { value: 1 } });
    const value: number | undefined = result.add?.result;
    expect(value).toBe(2);
  });

  it("accepts any string where the components are not known statically", () => {
    const pipeline = new Pipeline();
    pipeline.add("a", Add());
    pipeline.add("b", Add());
    pipeline.connect("a.result", "b.value");
    expect(pipeline.connections).toHaveLength(1);
  });
});
