/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: intermediate outputs requested with
 * `includeOutputsFrom`, from linear pipelines, loops and components with several output sockets.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original.
 */
import { BranchJoiner } from "@trama/components";
import { defineComponent, Pipeline, t } from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";
import { Accumulate, AddFixedValue, Double, Threshold } from "./sample-components.js";

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that is linear and returns intermediate outputs", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("first_addition", AddFixedValue({ add: 2 }))
        .add("second_addition", AddFixedValue())
        .add("double", Double())
        .connect("first_addition", "double")
        .connect("double", "second_addition");
      const expectedCalls = {
        "double#1": { value: 3 },
        "first_addition#1": { add: undefined, value: 1 },
        "second_addition#1": { add: undefined, value: 6 },
      };
      return {
        pipeline,
        runs: [
          {
            inputs: { first_addition: { value: 1 } },
            includeOutputsFrom: ["second_addition", "double", "first_addition"],
            expectedOutputs: {
              double: { value: 6 },
              first_addition: { result: 3 },
              second_addition: { result: 7 },
            },
            expectedCalls,
          },
          {
            inputs: { first_addition: { value: 1 } },
            includeOutputsFrom: ["double"],
            expectedOutputs: { double: { value: 6 }, second_addition: { result: 7 } },
            expectedCalls,
          },
        ],
      };
    }, mode);
  });

  it("that has a loop and returns intermediate outputs from it", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 10 })
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("branch_joiner", BranchJoiner({ type: t.number }))
        .add("below_10", Threshold({ threshold: 10 }))
        .add("below_5", Threshold({ threshold: 5 }))
        .add("add_three", AddFixedValue({ add: 3 }))
        .add("accumulator", Accumulate())
        .add("add_two", AddFixedValue({ add: 2 }))
        .connect("add_one.result", "branch_joiner")
        .connect("branch_joiner.value", "below_10.value")
        .connect("below_10.below", "accumulator.value")
        .connect("accumulator.value", "below_5.value")
        .connect("below_5.above", "add_three.value")
        .connect("below_5.below", "branch_joiner")
        .connect("add_three.result", "branch_joiner")
        .connect("below_10.above", "add_two.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { add_one: { value: 3 } },
            includeOutputsFrom: [
              "add_two",
              "add_one",
              "branch_joiner",
              "below_10",
              "accumulator",
              "below_5",
              "add_three",
            ],
            expectedOutputs: {
              add_two: { result: 13 },
              add_one: { result: 4 },
              branch_joiner: { value: 11 },
              below_10: { above: 11 },
              accumulator: { value: 8 },
              below_5: { above: 8 },
              add_three: { result: 11 },
            },
            expectedCalls: {
              "accumulator#1": { value: 4 },
              "accumulator#2": { value: 4 },
              "add_one#1": { add: undefined, value: 3 },
              "add_three#1": { add: undefined, value: 8 },
              "add_two#1": { add: undefined, value: 11 },
              "below_10#1": { threshold: undefined, value: 4 },
              "below_10#2": { threshold: undefined, value: 4 },
              "below_10#3": { threshold: undefined, value: 11 },
              "below_5#1": { threshold: undefined, value: 4 },
              "below_5#2": { threshold: undefined, value: 8 },
              "branch_joiner#1": { value: [4] },
              "branch_joiner#2": { value: [4] },
              "branch_joiner#3": { value: [11] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is linear and returns intermediate outputs from multiple sockets", async () => {
    /** Doubles the input value and returns the original value as well. */
    const DoubleWithOriginal = defineComponent({
      type: "scenario.DoubleWithOriginal",
      inputs: { value: t.number },
      outputs: { value: t.number, original: t.number },
      run: ({ value }) => ({ value: value * 2, original: value }),
    });
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("first_addition", AddFixedValue({ add: 2 }))
        .add("second_addition", AddFixedValue())
        .add("double", DoubleWithOriginal())
        .connect("first_addition", "double")
        .connect("double.value", "second_addition");
      const expectedCalls = {
        "double#1": { value: 3 },
        "first_addition#1": { add: undefined, value: 1 },
        "second_addition#1": { add: undefined, value: 6 },
      };
      return {
        pipeline,
        runs: [
          {
            inputs: { first_addition: { value: 1 } },
            includeOutputsFrom: ["second_addition", "double", "first_addition"],
            expectedOutputs: {
              double: { original: 3, value: 6 },
              first_addition: { result: 3 },
              second_addition: { result: 7 },
            },
            expectedCalls,
          },
          {
            inputs: { first_addition: { value: 1 } },
            includeOutputsFrom: ["double"],
            expectedOutputs: { double: { original: 3, value: 6 }, second_addition: { result: 7 } },
            expectedCalls,
          },
        ],
      };
    }, mode);
  });
});
