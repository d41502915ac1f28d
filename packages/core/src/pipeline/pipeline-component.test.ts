import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { PipelineComponent } from "./pipeline-component.js";
import { Add, Double, testRegistry } from "./test-components.js";

const Speaker = defineComponent({
  type: "test.Speaker",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: ({ value }, _self, context) => {
    context.emit({ type: "text-delta", text: `value ${value}` });
    return { value };
  },
});

const inner = () =>
  new Pipeline()
    .add("add", Add({ add: 1 }))
    .add("double", Double())
    .add("speak", Speaker())
    .connect("add", "double")
    .connect("double", "speak");

describe("PipelineComponent", () => {
  it("runs a pipeline as one component, with mapped inputs and outputs", async () => {
    const wrapped = new PipelineComponent({
      pipeline: inner(),
      inputs: { number: "add.value" },
      outputs: { "speak.value": "doubled", "add.result": "plusOne" },
    });
    const outer = new Pipeline()
      .add("first", Add({ add: 10 }))
      .add("wrapped", wrapped)
      .connect("first", "wrapped.number");
    expect(await outer.run({ first: { value: 0 } })).toEqual({ wrapped: { doubled: 22, plusOne: 11 } });
  });

  it("passes chunks streamed inside to the outer stream", async () => {
    const outer = new Pipeline().add("wrapped", new PipelineComponent({ pipeline: inner() }));
    const chunks: unknown[] = [];
    const stream = outer.stream({ wrapped: { value: 1 } });
    for await (const event of stream)
      if (event.type === "node-chunk") chunks.push(`${event.component}: ${String(event.chunk.text)}`);
    expect(chunks).toEqual(["wrapped: value 4"]);
    expect(await stream.result).toEqual({ wrapped: { value: 4 } });
  });

  it("round-trips through YAML", async () => {
    const outer = new Pipeline().add(
      "wrapped",
      new PipelineComponent({ pipeline: inner(), inputs: { number: "add.value" } }),
    );
    const loaded = Pipeline.fromYAML(outer.toYAML(), { registry: testRegistry(Speaker) });
    expect(loaded.toYAML()).toBe(outer.toYAML());
    expect(await loaded.run({ wrapped: { number: 2 } })).toEqual({ wrapped: { value: 6 } });
  });
});
