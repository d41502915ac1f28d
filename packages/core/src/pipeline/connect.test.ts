import { describe, expect, it } from "vitest";
import type { AnyComponent } from "../component/component.js";
import { defineComponent } from "../component/define-component.js";
import { ChatMessage, chatMessageType } from "../data/chat-message.js";
import { PipelineConnectError, PipelineDefinitionError } from "../errors/pipeline-errors.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";

/** Forgets the static component types, to test what the runtime checks when the compiler cannot. */
const untyped = (pipeline: Pipeline<any>) => pipeline as Pipeline<Record<string, AnyComponent>>;

import { Add, Collect, Double } from "./test-components.js";

const Text = defineComponent({
  type: "test.Text",
  inputs: { text: t.string },
  outputs: { text: t.string, length: t.number },
  run: ({ text }) => ({ text, length: text.length }),
});

describe("connect", () => {
  it("infers sockets where only one pairing fits, preferring equal names", () => {
    const pipeline = new Pipeline().add("a", Double()).add("b", Add());
    pipeline.connect("a", "b");
    expect(pipeline.connections).toEqual([{ sender: "a", output: "value", receiver: "b", input: "value" }]);
  });

  it("lists every candidate socket with its type and who feeds it when the types do not match", () => {
    const pipeline = untyped(
      new Pipeline().add("text", Text()).add("add", Add()).add("other", Double()).connect("other", "add.value"),
    );
    const error = (() => {
      try {
        pipeline.connect("text.text", "add.value");
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(PipelineConnectError.isInstance(error)).toBe(true);
    expect(error?.message).toContain("'text.text' (string) cannot feed 'add.value' (number)");
    expect(error?.message).toContain("add.value: number, fed by other.value");
    expect(error?.message).toContain("add.add: number, free");
    expect(error?.message).toContain("text.length: number");
  });

  it("refuses a second sender on a socket that is not a list", () => {
    const pipeline = new Pipeline().add("a", Double()).add("b", Double()).add("c", Add()).connect("a", "c.value");
    expect(() => pipeline.connect("b", "c.value")).toThrow(/already fed by 'a.value'.*put a joiner/s);
  });

  it("joins several senders on a list socket", async () => {
    const List = defineComponent({
      type: "test.List",
      inputs: { n: t.number },
      outputs: { items: t.list(t.number) },
      run: ({ n }) => ({ items: [n, n] }),
    });
    const Sink = defineComponent({
      type: "test.Sink",
      inputs: { items: t.list(t.number) },
      outputs: { items: t.list(t.number) },
      run: ({ items }) => ({ items }),
    });
    const pipeline = new Pipeline()
      .add("a", List())
      .add("b", List())
      .add("sink", Sink())
      .connect("a", "sink")
      .connect("b", "sink");
    expect(await pipeline.run({ a: { n: 1 }, b: { n: 2 } })).toEqual({ sink: { items: [1, 1, 2, 2] } });
  });

  it("names unknown components and sockets", () => {
    const pipeline = untyped(new Pipeline().add("a", Double()).add("b", Add()));
    expect(() => pipeline.connect("x.value", "b")).toThrow(/there is no component 'x'. Components: a, b/);
    expect(() => pipeline.connect("a.nope", "b")).toThrow(/'a.nope' does not exist/);
    expect(() => pipeline.connect("a", "b.nope")).toThrow(/'b.nope' does not exist/);
    expect(() => pipeline.connect("a", "a")).toThrow(/to itself/);
  });

  it("asks for socket names when several pairings fit", () => {
    const pipeline = new Pipeline().add("t", Text()).add("add", Add());
    expect(() => pipeline.connect("t", "add")).toThrow(
      /more than one pairing fits.*connect\("t.length", "add.value"\) or connect\("t.length", "add.add"\)/s,
    );
  });

  it("converts between ChatMessage and string, and wraps values into lists, where the types call for it", async () => {
    const Reply = defineComponent({
      type: "test.Reply",
      inputs: { q: t.string },
      outputs: { replies: t.list(chatMessageType) },
      run: ({ q }) => ({ replies: [ChatMessage.assistant(`re: ${q}`)] }),
    });
    const pipeline = new Pipeline().add("reply", Reply()).add("text", Text()).add("collect", Collect());
    pipeline.connect("reply.replies", "text.text").connect("text.length", "collect.values");
    expect(pipeline.connections[0]!.conversion?.name).toBe("unwrapMessageToString");
    expect(await pipeline.run({ reply: { q: "hi" } })).toEqual({ text: { text: "re: hi" }, collect: { values: [6] } });
  });

  it("rejects bad component names and duplicates", () => {
    const pipeline = new Pipeline().add("a", Double());
    expect(() => pipeline.add("a", Double())).toThrow(PipelineDefinitionError);
    expect(() => pipeline.add("a.b", Double())).toThrow(/without dots/);
    const shared = Double();
    pipeline.add("b", shared);
    expect(() => pipeline.add("c", shared)).toThrow(/already in the pipeline as 'b'/);
  });
});
