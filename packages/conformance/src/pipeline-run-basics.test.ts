/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: linear pipelines, loops and forks.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original.
 */
import { BranchJoiner, ConditionalRouter } from "@trama/components";
import { defineComponent, Pipeline, PipelineMaxRunsError, t } from "@trama/core";
import { describe, expect, it } from "vitest";
import { modes, runFailingScenario, runScenario } from "./harness.js";
import {
  Accumulate,
  AddFixedValue,
  Double,
  Greet,
  Parity,
  Remainder,
  Repeat,
  Subtract,
  Sum,
  Threshold,
} from "./sample-components.js";

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that has no components", async () => {
    await runScenario(
      () => ({
        pipeline: new Pipeline({ maxRunsPerComponent: 1 }),
        runs: [{ inputs: {}, expectedOutputs: {}, expectedCalls: {} }],
      }),
      mode,
    );
  });

  it("that is linear", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("first_addition", AddFixedValue({ add: 2 }))
        .add("second_addition", AddFixedValue())
        .add("double", Double())
        .connect("first_addition", "double")
        .connect("double", "second_addition");
      return {
        pipeline,
        runs: [
          {
            inputs: { first_addition: { value: 1 } },
            expectedOutputs: { second_addition: { result: 7 } },
            expectedCalls: {
              "first_addition#1": { value: 1, add: undefined },
              "double#1": { value: 3 },
              "second_addition#1": { value: 6, add: undefined },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is really complex with lots of components, forks, and loops", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 3 })
        .add("greet_first", Greet())
        .add("accumulate_1", Accumulate())
        .add("add_two", AddFixedValue({ add: 2 }))
        .add("parity", Parity())
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("accumulate_2", Accumulate())
        .add("branch_joiner", BranchJoiner({ type: t.number }))
        .add("below_10", Threshold({ threshold: 10 }))
        .add("double", Double())
        .add("greet_again", Greet())
        .add("sum", Sum())
        .add("greet_enumerator", Greet())
        .add("enumerate", Repeat({ outputs: ["first", "second"] }))
        .add("add_three", AddFixedValue({ add: 3 }))
        .add("diff", Subtract())
        .add("greet_one_last_time", Greet())
        .add("replicate", Repeat({ outputs: ["first", "second"] }))
        .add("add_five", AddFixedValue({ add: 5 }))
        .add("add_four", AddFixedValue({ add: 4 }))
        .add("accumulate_3", Accumulate())
        .connect("greet_first", "accumulate_1")
        .connect("accumulate_1", "add_two")
        .connect("add_two", "parity")
        .connect("parity.even", "greet_again")
        .connect("greet_again", "sum.values")
        .connect("sum", "diff.first_value")
        .connect("diff", "greet_one_last_time")
        .connect("greet_one_last_time", "replicate")
        .connect("replicate.first", "add_five.value")
        .connect("replicate.second", "add_four.value")
        .connect("add_four", "accumulate_3")
        .connect("parity.odd", "add_one.value")
        .connect("add_one", "branch_joiner.value")
        .connect("branch_joiner", "below_10")
        .connect("below_10.below", "double")
        .connect("double", "branch_joiner.value")
        .connect("below_10.above", "accumulate_2")
        .connect("accumulate_2", "diff.second_value")
        .connect("greet_enumerator", "enumerate")
        .connect("enumerate.second", "sum.values")
        .connect("enumerate.first", "add_three.value")
        .connect("add_three", "sum.values");
      return {
        pipeline,
        runs: [
          {
            inputs: { greet_first: { value: 1 }, greet_enumerator: { value: 1 } },
            expectedOutputs: { accumulate_3: { value: -7 }, add_five: { result: -6 } },
            expectedCalls: {
              "greet_first#1": { value: 1 },
              "greet_enumerator#1": { value: 1 },
              "accumulate_1#1": { value: 1 },
              "add_two#1": { value: 1 },
              "parity#1": { value: 3 },
              "add_one#1": { value: 3 },
              "branch_joiner#1": { value: [4] },
              "below_10#1": { value: 4 },
              "double#1": { value: 4 },
              "branch_joiner#2": { value: [8] },
              "below_10#2": { value: 8 },
              "double#2": { value: 8 },
              "branch_joiner#3": { value: [16] },
              "below_10#3": { value: 16 },
              "accumulate_2#1": { value: 16 },
              "enumerate#1": { value: 1 },
              "add_three#1": { value: 1 },
              "sum#1": { values: [1, 4] },
              "diff#1": { first_value: 5, second_value: 16 },
              "greet_one_last_time#1": { value: -11 },
              "replicate#1": { value: -11 },
              "add_five#1": { value: -11 },
              "add_four#1": { value: -11 },
              "accumulate_3#1": { value: -7 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has a single component with a default input", async () => {
    // Haystack's component declares output `b` but returns `c`, which Haystack passes through. Trama rejects
    // undeclared outputs with an error naming them, so this port declares `c`.
    const WithDefault = defineComponent({
      type: "scenario.WithDefault",
      inputs: { a: t.number, b: t.number.default(2) },
      outputs: { c: t.number },
      run: ({ a, b }) => ({ c: a + b }),
    });
    await runScenario(
      () => ({
        pipeline: new Pipeline({ maxRunsPerComponent: 1 }).add("with_defaults", WithDefault()),
        runs: [
          {
            inputs: { with_defaults: { a: 40, b: 30 } },
            expectedOutputs: { with_defaults: { c: 70 } },
            expectedCalls: { "with_defaults#1": { a: 40, b: 30 } },
          },
          {
            inputs: { with_defaults: { a: 40 } },
            expectedOutputs: { with_defaults: { c: 42 } },
            expectedCalls: { "with_defaults#1": { a: 40, b: 2 } },
          },
        ],
      }),
      mode,
    );
  });

  it("that has two loops of identical lengths", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 2 })
        .add("branch_joiner", BranchJoiner({ type: t.number }))
        .add("remainder", Remainder({ divisor: 3 }))
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("add_two", AddFixedValue({ add: 2 }))
        .connect("branch_joiner.value", "remainder.value")
        .connect("remainder.remainder_is_1", "add_two.value")
        .connect("remainder.remainder_is_2", "add_one.value")
        .connect("add_two", "branch_joiner.value")
        .connect("add_one", "branch_joiner.value");
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
              "add_two#1": { value: 4 },
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
              "add_one#1": { value: 5 },
              "branch_joiner#2": { value: [6] },
              "remainder#2": { value: 6 },
            },
          },
          direct(6),
        ],
      };
    }, mode);
  });
});

describe.each(modes)("Running a bad pipeline (%s)", (mode) => {
  it("that has an infinite loop raises PipelineMaxRunsError", async () => {
    const error = await runFailingScenario(() => {
      const routes = [
        { condition: "{{number > 2}}", output: "{{number}}", outputName: "big_number", outputType: t.number },
        { condition: "{{number <= 2}}", output: "{{number + 2}}", outputName: "small_number", outputType: t.number },
      ];
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("main_input", BranchJoiner({ type: t.number }))
        .add("first_router", ConditionalRouter({ routes }))
        .add("second_router", ConditionalRouter({ routes }))
        .connect("main_input", "first_router.number")
        .connect("first_router.big_number", "second_router.number")
        .connect("second_router.big_number", "main_input");
      return { pipeline, inputs: { main_input: { value: 3 } } };
    }, mode);
    expect(PipelineMaxRunsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/'main_input' would run a 2nd time/);
  });
});
