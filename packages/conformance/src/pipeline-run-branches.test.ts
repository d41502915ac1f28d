/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: branches that merge and branches that do not,
 * variadic inputs fed by several branches, and conditional branching into joiners.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original.
 */
import { DocumentJoiner } from "@trama/components";
import { Document, defineComponent, documentType, Pipeline, t } from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";
import { AddFixedValue, Double, Parity, Remainder, Repeat, Subtract, Sum } from "./sample-components.js";

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that has two branches that don't merge", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("parity", Parity())
        .add("add_ten", AddFixedValue({ add: 10 }))
        .add("double", Double())
        .add("add_three", AddFixedValue({ add: 3 }))
        .connect("add_one.result", "parity.value")
        .connect("parity.even", "add_ten.value")
        .connect("parity.odd", "double.value")
        .connect("add_ten.result", "add_three.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { add_one: { value: 1 } },
            expectedOutputs: { add_three: { result: 15 } },
            expectedCalls: {
              "add_one#1": { add: undefined, value: 1 },
              "add_ten#1": { add: undefined, value: 2 },
              "add_three#1": { add: undefined, value: 12 },
              "parity#1": { value: 2 },
            },
          },
          {
            inputs: { add_one: { value: 2 } },
            expectedOutputs: { double: { value: 6 } },
            expectedCalls: {
              "add_one#1": { add: undefined, value: 2 },
              "double#1": { value: 3 },
              "parity#1": { value: 3 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has three branches that don't merge", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("add_one", AddFixedValue({ add: 1 }))
        .add("repeat", Repeat({ outputs: ["first", "second"] }))
        .add("add_ten", AddFixedValue({ add: 10 }))
        .add("double", Double())
        .add("add_three", AddFixedValue({ add: 3 }))
        .add("add_one_again", AddFixedValue({ add: 1 }))
        .connect("add_one.result", "repeat.value")
        .connect("repeat.first", "add_ten.value")
        .connect("repeat.second", "double.value")
        .connect("repeat.second", "add_three.value")
        .connect("add_three.result", "add_one_again.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { add_one: { value: 1 } },
            expectedOutputs: { add_one_again: { result: 6 }, add_ten: { result: 12 }, double: { value: 4 } },
            expectedCalls: {
              "add_one#1": { add: undefined, value: 1 },
              "add_one_again#1": { add: undefined, value: 5 },
              "add_ten#1": { add: undefined, value: 2 },
              "add_three#1": { add: undefined, value: 2 },
              "double#1": { value: 2 },
              "repeat#1": { value: 2 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has two branches that merge", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("first_addition", AddFixedValue({ add: 2 }))
        .add("second_addition", AddFixedValue({ add: 2 }))
        .add("third_addition", AddFixedValue({ add: 2 }))
        .add("diff", Subtract())
        .add("fourth_addition", AddFixedValue({ add: 1 }))
        .connect("first_addition.result", "second_addition.value")
        .connect("second_addition.result", "diff.first_value")
        .connect("third_addition.result", "diff.second_value")
        .connect("diff", "fourth_addition.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { first_addition: { value: 1 }, third_addition: { value: 1 } },
            expectedOutputs: { fourth_addition: { result: 3 } },
            expectedCalls: {
              "diff#1": { first_value: 5, second_value: 3 },
              "first_addition#1": { add: undefined, value: 1 },
              "fourth_addition#1": { add: undefined, value: 2 },
              "second_addition#1": { add: undefined, value: 3 },
              "third_addition#1": { add: undefined, value: 1 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has different combinations of branches that merge and do not merge", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("add_one", AddFixedValue())
        .add("parity", Parity())
        .add("add_ten", AddFixedValue({ add: 10 }))
        .add("double", Double())
        .add("add_four", AddFixedValue({ add: 4 }))
        .add("add_two", AddFixedValue())
        .add("add_two_as_well", AddFixedValue())
        .add("diff", Subtract())
        .connect("add_one.result", "parity.value")
        .connect("parity.even", "add_four.value")
        .connect("parity.odd", "double.value")
        .connect("add_ten.result", "diff.first_value")
        .connect("double.value", "diff.second_value")
        .connect("parity.odd", "add_ten.value")
        .connect("add_four.result", "add_two.value")
        .connect("add_four.result", "add_two_as_well.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { add_one: { value: 1 }, add_two: { add: 2 }, add_two_as_well: { add: 2 } },
            expectedOutputs: { add_two: { result: 8 }, add_two_as_well: { result: 8 } },
            expectedCalls: {
              "add_four#1": { add: undefined, value: 2 },
              "add_one#1": { add: undefined, value: 1 },
              "add_two#1": { add: 2, value: 6 },
              "add_two_as_well#1": { add: 2, value: 6 },
              "parity#1": { value: 2 },
            },
          },
          {
            inputs: { add_one: { value: 2 }, add_two: { add: 2 }, add_two_as_well: { add: 2 } },
            expectedOutputs: { diff: { difference: 7 } },
            expectedCalls: {
              "add_one#1": { add: undefined, value: 2 },
              "add_ten#1": { add: undefined, value: 3 },
              "diff#1": { first_value: 13, second_value: 6 },
              "double#1": { value: 3 },
              "parity#1": { value: 3 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has multiple branches that merge into a component with a single variadic input", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("add_one", AddFixedValue())
        .add("parity", Remainder({ divisor: 2 }))
        .add("add_ten", AddFixedValue({ add: 10 }))
        .add("double", Double())
        .add("add_four", AddFixedValue({ add: 4 }))
        .add("add_one_again", AddFixedValue())
        .add("sum", Sum())
        .connect("add_one.result", "parity.value")
        .connect("parity.remainder_is_0", "add_ten.value")
        .connect("parity.remainder_is_1", "double.value")
        .connect("add_one.result", "sum.values")
        .connect("add_ten.result", "sum.values")
        .connect("double.value", "sum.values")
        .connect("parity.remainder_is_1", "add_four.value")
        .connect("add_four.result", "add_one_again.value")
        .connect("add_one_again.result", "sum.values");
      return {
        pipeline,
        runs: [
          {
            inputs: { add_one: { value: 1 } },
            expectedOutputs: { sum: { total: 14 } },
            expectedCalls: {
              "add_one#1": { add: undefined, value: 1 },
              "add_ten#1": { add: undefined, value: 2 },
              "parity#1": { value: 2 },
              "sum#1": { values: [2, 12] },
            },
          },
          {
            inputs: { add_one: { value: 2 } },
            expectedOutputs: { sum: { total: 17 } },
            expectedCalls: {
              "add_four#1": { add: undefined, value: 3 },
              "add_one#1": { add: undefined, value: 2 },
              "add_one_again#1": { add: undefined, value: 7 },
              "double#1": { value: 3 },
              "parity#1": { value: 3 },
              "sum#1": { values: [3, 6, 8] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has multiple branches of different lengths that merge into a component with a single variadic input", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("first_addition", AddFixedValue({ add: 2 }))
        .add("second_addition", AddFixedValue({ add: 2 }))
        .add("third_addition", AddFixedValue({ add: 2 }))
        .add("sum", Sum())
        .add("fourth_addition", AddFixedValue({ add: 1 }))
        .connect("first_addition.result", "second_addition.value")
        .connect("first_addition.result", "sum.values")
        .connect("second_addition.result", "sum.values")
        .connect("third_addition.result", "sum.values")
        .connect("sum.total", "fourth_addition.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { first_addition: { value: 1 }, third_addition: { value: 1 } },
            expectedOutputs: { fourth_addition: { result: 12 } },
            expectedCalls: {
              "first_addition#1": { add: undefined, value: 1 },
              "fourth_addition#1": { add: undefined, value: 11 },
              "second_addition#1": { add: undefined, value: 3 },
              // Haystack accepts these values in any order (`AnyOrder`), as its async run is not deterministic.
              // Trama is: values arrive by wave, then by sender name (first_addition, third_addition, then
              // second_addition one wave later).
              "sum#1": { values: [3, 3, 5] },
              "third_addition#1": { add: undefined, value: 1 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is linear with conditional branching and multiple joins", async () => {
    const doc1 = new Document({ content: "This is a document" });
    const doc2 = new Document({ content: "This is another document" });
    const FakeRouter = defineComponent({
      type: "scenario.FakeRouter",
      inputs: { query: t.string },
      outputs: { LEGIT: t.string, INJECTION: t.string },
      run: ({ query }) => (query.includes("injection") ? { INJECTION: query } : { LEGIT: query }),
    });
    const FakeRanker = defineComponent({
      type: "scenario.FakeRanker",
      inputs: { query: t.string, documents: t.list(documentType) },
      outputs: { documents: t.list(documentType) },
      run: ({ documents }) => ({ documents }),
    });
    const FakeRetriever = defineComponent({
      type: "scenario.FakeRetriever",
      inputs: { query: t.string },
      outputs: { documents: t.list(documentType) },
      run: ({ query }) => ({ documents: query.includes("injection") ? [] : [doc1] }),
    });
    const FakeEmbeddingRetriever = defineComponent({
      type: "scenario.FakeEmbeddingRetriever",
      inputs: { query_embedding: t.list(t.number) },
      outputs: { documents: t.list(documentType) },
      run: () => ({ documents: [doc2] }),
    });
    // Stands in for Haystack's MockTextEmbedder(embedding=[1.0, 2.0, 3.0]): the same embedding and the same meta.
    const MockTextEmbedder = defineComponent({
      type: "scenario.MockTextEmbedder",
      inputs: { text: t.string },
      outputs: { embedding: t.list(t.number), meta: t.record(t.any) },
      run: ({ text }, { params }: { params: { embedding: number[] } }) => {
        const tokens = text.split(/\s+/).filter(Boolean).length;
        return {
          embedding: params.embedding,
          meta: { model: "mock-model", usage: { prompt_tokens: tokens, total_tokens: tokens } },
        };
      },
    });
    await runScenario(() => {
      const pipeline = new Pipeline()
        .add("router", FakeRouter())
        .add("text_embedder", MockTextEmbedder({ embedding: [1.0, 2.0, 3.0] }))
        .add("retriever", FakeEmbeddingRetriever())
        .add("emptyretriever", FakeRetriever())
        .add("joinerfinal", DocumentJoiner())
        .add("joinerhybrid", DocumentJoiner())
        .add("ranker", FakeRanker())
        .add("bm25retriever", FakeRetriever())
        .connect("router.INJECTION", "emptyretriever.query")
        .connect("router.LEGIT", "text_embedder.text")
        .connect("text_embedder", "retriever.query_embedding")
        .connect("router.LEGIT", "ranker.query")
        .connect("router.LEGIT", "bm25retriever.query")
        .connect("bm25retriever", "joinerhybrid.documents")
        .connect("retriever", "joinerhybrid.documents")
        .connect("joinerhybrid.documents", "ranker.documents")
        .connect("ranker", "joinerfinal.documents")
        .connect("emptyretriever", "joinerfinal.documents");
      return {
        pipeline,
        runs: [
          {
            inputs: { router: { query: "I'm a legit question" } },
            expectedOutputs: {
              text_embedder: { meta: { model: "mock-model", usage: { prompt_tokens: 4, total_tokens: 4 } } },
              joinerfinal: { documents: [doc1, doc2] },
            },
            expectedCalls: {
              "router#1": { query: "I'm a legit question" },
              "text_embedder#1": { text: "I'm a legit question" },
              "bm25retriever#1": { query: "I'm a legit question" },
              "retriever#1": { query_embedding: [1.0, 2.0, 3.0] },
              "joinerhybrid#1": { documents: [[doc1], [doc2]], topK: undefined },
              "ranker#1": { query: "I'm a legit question", documents: [doc1, doc2] },
              "joinerfinal#1": { documents: [[doc1, doc2]], topK: undefined },
            },
          },
          {
            inputs: { router: { query: "I'm a nasty prompt injection" } },
            expectedOutputs: { joinerfinal: { documents: [] } },
            expectedCalls: {
              "router#1": { query: "I'm a nasty prompt injection" },
              "emptyretriever#1": { query: "I'm a nasty prompt injection" },
              "joinerfinal#1": { documents: [[]], topK: undefined },
            },
          },
        ],
      };
    }, mode);
  });
});
