/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: loops of different lengths, loops with
 * conditional branches, and branches that loop back.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original.
 */
import { BranchJoiner } from "@trama/components";
import { Pipeline, t } from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";
import { Accumulate, AddFixedValue, Remainder, Sum, Threshold } from "./sample-components.js";

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that has two loops of different lengths", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 2 })
        .add("branch_joiner", BranchJoiner({ type: t.number }))
        .add("remainder", Remainder({ divisor: 3 }))
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("add_two_1", AddFixedValue({ add: 1 }))
        .add("add_two_2", AddFixedValue({ add: 1 }))
        .connect("branch_joiner.value", "remainder.value")
        .connect("remainder.remainder_is_1", "add_two_1.value")
        .connect("add_two_1", "add_two_2.value")
        .connect("add_two_2", "branch_joiner")
        .connect("remainder.remainder_is_2", "add_one.value")
        .connect("add_one", "branch_joiner");
      const direct = (value: number) => ({
        inputs: { branch_joiner: { value } },
        expectedOutputs: { remainder: { remainder_is_0: value } },
        expectedCalls: { "branch_joiner#1": { value: [value] }, "remainder#1": { value } },
      });
      return {
        pipeline,
        runs: [
          direct(0),
          direct(3),
          {
            inputs: { branch_joiner: { value: 4 } },
            expectedOutputs: { remainder: { remainder_is_0: 6 } },
            expectedCalls: {
              "branch_joiner#1": { value: [4] },
              "remainder#1": { value: 4 },
              "add_two_1#1": { value: 4, add: undefined },
              "add_two_2#1": { value: 5, add: undefined },
              "branch_joiner#2": { value: [6] },
              "remainder#2": { value: 6 },
            },
          },
          {
            inputs: { branch_joiner: { value: 5 } },
            expectedOutputs: { remainder: { remainder_is_0: 6 } },
            expectedCalls: {
              "branch_joiner#1": { value: [5] },
              "remainder#1": { value: 5 },
              "add_one#1": { value: 5, add: undefined },
              "branch_joiner#2": { value: [6] },
              "remainder#2": { value: 6 },
            },
          },
          direct(6),
        ],
      };
    }, mode);
  });

  it("that has a single loop with two conditional branches", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 3 })
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
            expectedOutputs: { add_two: { result: 13 } },
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

  it("that has two branches, one of which loops back", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 10 })
        .add("add_zero", AddFixedValue({ add: 0 }))
        .add("branch_joiner", BranchJoiner({ type: t.number }))
        .add("sum", Sum())
        .add("below_10", Threshold({ threshold: 10 }))
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("counter", Accumulate())
        .add("add_two", AddFixedValue({ add: 2 }))
        .connect("add_zero", "branch_joiner.value")
        .connect("branch_joiner", "below_10.value")
        .connect("below_10.below", "add_one.value")
        .connect("add_one.result", "counter.value")
        .connect("counter.value", "branch_joiner.value")
        .connect("below_10.above", "add_two.value")
        .connect("add_two.result", "sum.values");
      return {
        pipeline,
        runs: [
          {
            inputs: { add_zero: { value: 8 }, sum: { values: 2 } },
            expectedOutputs: { sum: { total: 23 } },
            expectedCalls: {
              "add_one#1": { add: undefined, value: 8 },
              "add_one#2": { add: undefined, value: 9 },
              "add_two#1": { add: undefined, value: 19 },
              "add_zero#1": { add: undefined, value: 8 },
              "below_10#1": { threshold: undefined, value: 8 },
              "below_10#2": { threshold: undefined, value: 9 },
              "below_10#3": { threshold: undefined, value: 19 },
              "branch_joiner#1": { value: [8] },
              "branch_joiner#2": { value: [9] },
              "branch_joiner#3": { value: [19] },
              "counter#1": { value: 9 },
              "counter#2": { value: 10 },
              "sum#1": { values: [2, 21] },
            },
          },
        ],
      };
    }, mode);
  });
});
