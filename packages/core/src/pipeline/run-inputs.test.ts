import { describe, expect, it } from "vitest";
import { PipelineInputError } from "../errors/pipeline-errors.js";
import { Pipeline } from "./pipeline.js";
import { Add, Double } from "./test-components.js";

describe("run inputs", () => {
  const pipeline = () =>
    new Pipeline()
      .add("first", Add({ add: 1 }))
      .add("double", Double())
      .add("last", Add())
      .connect("first", "double")
      .connect("double", "last.value");

  it("takes inputs per component or flat", async () => {
    expect(await pipeline().run({ first: { value: 1 } })).toEqual({ last: { result: 5 } });
    // Flat: `add` goes to every free socket named add.
    expect(await pipeline().run({ value: 1, add: 10 })).toEqual({ last: { result: 32 } });
  });

  it("names unknown components, unknown sockets and missing mandatory inputs", async () => {
    await expect(pipeline().run({ first: { value: 1, nope: 2 } })).rejects.toThrow(
      /'first' has no input 'nope'. Its inputs are: value \(number\), add \(number\)/,
    );
    await expect(pipeline().run({})).rejects.toThrow(/Missing mandatory run inputs: first.value \(number\)/);
    await expect(pipeline().run({ nope: 1 })).rejects.toThrow(PipelineInputError);
    await expect(pipeline().run({ first: { value: 1 }, value: 2 })).rejects.toThrow(/mix component names/);
  });

  it("refuses a run input on a socket another component feeds", async () => {
    await expect(pipeline().run({ first: { value: 1 }, double: { value: 3 } })).rejects.toThrow(
      /'double.value' is fed by first; it cannot also take a run input/,
    );
  });

  it("gives each component its own copy of an object passed to several", async () => {
    const list = ["a"];
    const { defineComponent } = await import("../component/define-component.js");
    const { t } = await import("../types/socket-type.js");
    const Push = defineComponent({
      type: "test.Push",
      inputs: { list: t.list(t.string) },
      outputs: { list: t.list(t.string) },
      run: ({ list: items }) => {
        items.push("x");
        return { list: items };
      },
    });
    const result = await new Pipeline().add("p1", Push()).add("p2", Push()).run({ p1: { list }, p2: { list } });
    expect(result).toEqual({ p1: { list: ["a", "x"] }, p2: { list: ["a", "x"] } });
  });
});
