import { describe, expect, it } from "vitest";
import { PipelineDefinitionError } from "../errors/pipeline-errors.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { t } from "../types/socket-type.js";
import type { Component } from "./component.js";
import { defineComponent } from "./define-component.js";
import { ComponentRegistry, defaultRegistry, type LoadContext } from "./registry.js";

const Upper = defineComponent({
  type: "test.Upper",
  inputs: { text: t.string },
  outputs: { text: t.string },
  run: ({ text }) => ({ text: text.toUpperCase() }),
});

class Suffix implements Component {
  static readonly type = "test.Suffix";
  readonly type = Suffix.type;
  readonly inputs = { text: t.string };
  readonly outputs = { text: t.string };
  constructor(readonly params: { suffix: string }) {}
  run({ text }: { text: string }) {
    return { text: text + this.params.suffix };
  }
}

/** Holds another component: saved nested, rebuilt through the loading registry. */
class Twice implements Component {
  static readonly type = "test.Twice";
  readonly type = Twice.type;
  readonly inputs = { text: t.string };
  readonly outputs = { text: t.string };
  constructor(readonly params: { inner: Component<any, any> }) {}
  async run({ text }: { text: string }, context: any) {
    const once = (await this.params.inner.run({ text }, context)) as { text: string };
    return this.params.inner.run({ text: once.text }, context) as Promise<{ text: string }>;
  }
  static fromConfig(config: Record<string, unknown>, context: LoadContext): Twice {
    return new Twice({ inner: context.component(config.inner, `${context.path}.inner`) });
  }
}

describe("component registry", () => {
  it("takes specs and classes through defineComponent, and manifests as lists", async () => {
    const registry = new ComponentRegistry([Upper, defineComponent(Suffix)], defineComponent(Twice));
    expect(registry.types()).toEqual(["test.Suffix", "test.Twice", "test.Upper"]);
    const pipeline = new Pipeline()
      .add("upper", Upper())
      .add("suffix", new Suffix({ suffix: "!" }))
      .add("twice", new Twice({ inner: new Suffix({ suffix: "?" }) }))
      .connect("upper", "suffix")
      .connect("suffix", "twice");
    const yaml = pipeline.toYAML();
    expect(yaml).toContain('suffix: "!"');
    expect(yaml).toContain("type: test.Suffix");
    const loaded = Pipeline.fromYAML(yaml, { registry });
    expect(loaded.toYAML()).toBe(yaml);
    expect(await loaded.run({ upper: { text: "hi" } })).toEqual({ twice: { text: "HI!??" } });
  });

  it("refuses a second, different component under a taken name; the same one twice is harmless", () => {
    const registry = new ComponentRegistry(Upper, Upper, [Upper]);
    const Impostor = defineComponent({ type: "test.Upper", inputs: {}, outputs: {}, run: () => ({}) });
    expect(() => registry.add(Impostor)).toThrow(PipelineDefinitionError);
    expect(() => registry.add(Impostor)).toThrow(/'test.Upper' is already registered by a different component/);
    expect(defineComponent(Suffix)).toBe(defineComponent(Suffix));
  });

  it("registers nothing on import or definition: the default registry holds no test type", () => {
    defineComponent({ type: "test.Unlisted", inputs: {}, outputs: {}, run: () => ({}) });
    expect(defaultRegistry.get("test.Unlisted")).toBeUndefined();
    expect(defaultRegistry.get("test.Upper")).toBeUndefined();
  });

  it("says what it wants when given a class or something else", () => {
    expect(() => new ComponentRegistry(Suffix as never)).toThrow(/wrap it: defineComponent\(Suffix\)/);
    expect(() => defineComponent(class NoType {} as never)).toThrow(/not a valid registry name.*static 'type'/);
    expect(() => defineComponent({ type: "NoNamespace", inputs: {}, outputs: {}, run: () => ({}) })).toThrow(
      /namespace.Name/,
    );
  });

  it("resolves tools by name, naming the registered ones when one is missing", () => {
    const registry = new ComponentRegistry().addTools({ name: "weather" });
    expect(registry.tool("weather")).toEqual({ name: "weather" });
    expect(() => registry.tool("search")).toThrow(/Tool 'search' is not registered.*Registered tools: weather/);
    expect(() => registry.addTools({ name: "weather" })).toThrow(/Two different tools are named 'weather'/);
  });
});
