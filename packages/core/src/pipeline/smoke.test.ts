import { describe, expect, it } from "vitest";
import { defineComponent, Pipeline, t } from "../index.js";

const Add = defineComponent({
  type: "test.Add",
  inputs: { value: t.number, add: t.number.optional() },
  outputs: { result: t.number },
  run: ({ value, add }, { params }: { params: { add?: number } }) => ({ result: value + (add ?? params.add ?? 1) }),
});
const Double = defineComponent({
  type: "test.Double",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: async ({ value }) => ({ value: value * 2 }),
});

describe("smoke", () => {
  it("runs a chain", async () => {
    const p = new Pipeline()
      .add("a", Add({ add: 2 }))
      .add("d", Double())
      .add("b", Add())
      .connect("a", "d")
      .connect("d", "b");
    expect(await p.run({ a: { value: 1 } })).toEqual({ b: { result: 7 } });
  });
});
