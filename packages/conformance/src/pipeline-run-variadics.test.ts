/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: variadic sockets and joiners that receive
 * partial or conditional inputs, and list sockets that join several senders.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original. Inputs Haystack
 * records as None are left out of the expected calls: they are undefined in Trama, and `toEqual` treats a missing key
 * and an undefined one alike.
 */
import {
  AnswerBuilder,
  AnswerJoiner,
  ConditionalRouter,
  DocumentJoiner,
  PromptBuilder,
  StringJoiner,
} from "@trama/components";
import { type AnyComponent, Document, defineComponent, documentType, GeneratedAnswer, Pipeline, t } from "@trama/core";
import { DocumentCleaner } from "@trama/retrieval";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";

const ConditionalDocumentCreator = defineComponent({
  type: "scenario.ConditionalDocumentCreator",
  inputs: { create_document: t.boolean.default(false) },
  // Haystack's `noop` output is typed None and carries None: `null` is the value Trama returns (an undefined output
  // is one the component did not emit).
  outputs: { documents: t.list(documentType), noop: t.null },
  run: ({ create_document }, { params }: { params: { content: string } }) =>
    create_document ? { documents: [new Document({ id: params.content, content: params.content })] } : { noop: null },
});

const NoOp = defineComponent({
  type: "scenario.NoOp",
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }) => ({ documents }),
});

const CommaSplitter = defineComponent({
  type: "scenario.CommaSplitter",
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }) => {
    const result: Document[] = [];
    let currentId = 0;
    for (const document of documents) {
      if (document.content === undefined) continue;
      for (const split of document.content.split(","))
        result.push(new Document({ content: split, id: String(currentId++) }));
    }
    return { documents: result };
  },
});

const QueryDocumentRetriever = defineComponent({
  type: "scenario.QueryDocumentRetriever",
  inputs: { query: t.string },
  outputs: { documents: t.list(documentType) },
  run: ({ query }) => ({ documents: [new Document({ content: `Document for query: ${query}` })] }),
});

const FakeRanker = defineComponent({
  type: "scenario.FakeRanker",
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }) => ({ documents }),
});

function partialInputsPipeline(order: string[]) {
  // Built in a loop, so the component names are not known statically: typed loosely.
  const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 1 });
  const contents: Record<string, string> = {
    first_creator: "First document",
    second_creator: "Second document",
    third_creator: "Third document",
  };
  for (const name of order) pipeline.add(name, ConditionalDocumentCreator({ content: contents[name]! }));
  return pipeline
    .add("documents_joiner", DocumentJoiner())
    .connect("first_creator.documents", "documents_joiner.documents")
    .connect("second_creator.documents", "documents_joiner.documents")
    .connect("third_creator.documents", "documents_joiner.documents");
}

function partialInputsRuns() {
  const doc1 = new Document({ id: "First document", content: "First document" });
  const doc2 = new Document({ id: "Second document", content: "Second document" });
  const doc3 = new Document({ id: "Third document", content: "Third document" });
  return [
    {
      inputs: { first_creator: { create_document: true }, third_creator: { create_document: true } },
      expectedOutputs: { second_creator: { noop: null }, documents_joiner: { documents: [doc1, doc3] } },
      expectedCalls: {
        "documents_joiner#1": { documents: [[doc1], [doc3]] },
        "first_creator#1": { create_document: true },
        "second_creator#1": { create_document: false },
        "third_creator#1": { create_document: true },
      },
    },
    {
      inputs: { first_creator: { create_document: true }, second_creator: { create_document: true } },
      expectedOutputs: { third_creator: { noop: null }, documents_joiner: { documents: [doc1, doc2] } },
      expectedCalls: {
        "documents_joiner#1": { documents: [[doc1], [doc2]] },
        "first_creator#1": { create_document: true },
        "second_creator#1": { create_document: true },
        "third_creator#1": { create_document: false },
      },
    },
  ];
}

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that has a variadic component that receives partial inputs", async () => {
    await runScenario(
      () => ({
        pipeline: partialInputsPipeline(["first_creator", "second_creator", "third_creator"]),
        runs: partialInputsRuns(),
      }),
      mode,
    );
  });

  it("that has a variadic component that receives partial inputs in a different order", async () => {
    await runScenario(
      () => ({
        pipeline: partialInputsPipeline(["third_creator", "first_creator", "second_creator"]),
        runs: partialInputsRuns(),
      }),
      mode,
    );
  });

  it("that has an answer joiner variadic component", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("answer_builder_1", AnswerBuilder())
        .add("answer_builder_2", AnswerBuilder())
        .add("answer_joiner", AnswerJoiner())
        .connect("answer_builder_1.answers", "answer_joiner")
        .connect("answer_builder_2.answers", "answer_joiner");
      const query = "What's Natural Language Processing?";
      const reply1 = "This is a test answer";
      const reply2 = "This is a second test answer";
      const answer1 = new GeneratedAnswer({ data: reply1, query, documents: [], meta: { all_messages: [reply1] } });
      const answer2 = new GeneratedAnswer({ data: reply2, query, documents: [], meta: { all_messages: [reply2] } });
      return {
        pipeline,
        runs: [
          {
            inputs: {
              answer_builder_1: { query, replies: [reply1] },
              answer_builder_2: { query, replies: [reply2] },
            },
            expectedOutputs: { answer_joiner: { answers: [answer1, answer2] } },
            expectedCalls: {
              "answer_builder_1#1": { query, replies: [reply1] },
              "answer_builder_2#1": { query, replies: [reply2] },
              "answer_joiner#1": { answers: [[answer1], [answer2]] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has variadic component that receives a conditional input", async () => {
    await runScenario(() => {
      // Haystack needs `unsafe=True` for `{{ documents }}` to emit the documents themselves; Trama's router always
      // evaluates a single expression to the real value.
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add(
          "conditional_router",
          ConditionalRouter({
            routes: [
              {
                condition: "{{ documents|length > 1 }}",
                output: "{{ documents }}",
                outputName: "long",
                outputType: t.list(documentType),
              },
              {
                condition: "{{ documents|length <= 1 }}",
                output: "{{ documents }}",
                outputName: "short",
                outputType: t.list(documentType),
              },
            ],
          }),
        )
        .add(
          "empty_lines_cleaner",
          DocumentCleaner({ removeEmptyLines: true, removeExtraWhitespaces: false, keepId: true }),
        )
        .add("comma_splitter", CommaSplitter())
        .add("document_cleaner", DocumentCleaner({ keepId: true }))
        .add("document_joiner", DocumentJoiner())
        .add("noop2", NoOp())
        .add("noop3", NoOp())
        .connect("noop2", "noop3")
        .connect("noop3", "conditional_router")
        .connect("conditional_router.long", "empty_lines_cleaner")
        .connect("empty_lines_cleaner", "document_joiner")
        .connect("comma_splitter", "document_cleaner")
        .connect("document_cleaner", "document_joiner")
        .connect("comma_splitter", "document_joiner");

      const document = new Document({
        id: "1000",
        content: "This document has so many, sentences. Like this one, or this one. Or even this other one.",
      });
      const split = (id: string, content: string) => new Document({ id, content });
      const expectedDocs = [
        split("0", "This document has so many"),
        split("1", " sentences. Like this one"),
        split("2", " or this one. Or even this other one."),
      ];
      const moreDocs = [
        split("3", "This document has so many"),
        split("4", " sentences. Like this one"),
        split("5", " or this one. Or even this other one."),
      ];
      const cleaned = (first: number) => [
        split(String(first), "This document has so many"),
        split(String(first + 1), "sentences. Like this one"),
        split(String(first + 2), "or this one. Or even this other one."),
      ];
      return {
        pipeline,
        runs: [
          {
            inputs: { noop2: { documents: [document] }, comma_splitter: { documents: [document] } },
            expectedOutputs: {
              conditional_router: { short: [document] },
              document_joiner: { documents: expectedDocs },
            },
            expectedCalls: {
              "comma_splitter#1": { documents: [document] },
              "conditional_router#1": { documents: [document] },
              "document_cleaner#1": { documents: expectedDocs },
              "document_joiner#1": { documents: [expectedDocs, cleaned(0)] },
              "noop2#1": { documents: [document] },
              "noop3#1": { documents: [document] },
            },
          },
          {
            inputs: {
              noop2: { documents: [document, document] },
              comma_splitter: { documents: [document, document] },
            },
            expectedOutputs: { document_joiner: { documents: [...expectedDocs, ...moreDocs, document] } },
            expectedCalls: {
              "comma_splitter#1": { documents: [document, document] },
              "conditional_router#1": { documents: [document, document] },
              "document_cleaner#1": { documents: [...expectedDocs, ...moreDocs] },
              "document_joiner#1": {
                documents: [
                  [...expectedDocs, ...moreDocs],
                  [...cleaned(0), ...cleaned(3)],
                  [document, document],
                ],
              },
              "empty_lines_cleaner#1": { documents: [document, document] },
              "noop2#1": { documents: [document, document] },
              "noop3#1": { documents: [document, document] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has a string variadic component", async () => {
    // Haystack compares the joined strings in any order, because its async run may finish the builders in either
    // order. Trama's order is deterministic (senders of one wave in name order), so the exact order is asserted.
    await runScenario(() => {
      const pipeline = new Pipeline()
        .add("prompt_builder_1", PromptBuilder({ template: "Builder 1: {{query}}" }))
        .add("prompt_builder_2", PromptBuilder({ template: "Builder 2: {{query}}" }))
        .add("string_joiner", StringJoiner())
        .connect("prompt_builder_1.prompt", "string_joiner.strings")
        .connect("prompt_builder_2.prompt", "string_joiner.strings");
      const strings = ["Builder 1: What's Natural Language Processing?", "Builder 2: What's is life?"];
      return {
        pipeline,
        runs: [
          {
            inputs: {
              prompt_builder_1: { query: "What's Natural Language Processing?" },
              prompt_builder_2: { query: "What's is life?" },
            },
            expectedOutputs: { string_joiner: { strings } },
            expectedCalls: {
              "prompt_builder_1#1": { query: "What's Natural Language Processing?" },
              "prompt_builder_2#1": { query: "What's is life?" },
              "string_joiner#1": { strings },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has an auto joiner that takes in user inputs", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("retriever", QueryDocumentRetriever())
        .add("ranker", FakeRanker())
        .connect("retriever.documents", "ranker.documents");
      const userDoc = new Document({ content: "User document" });
      const retrieved = new Document({ content: "Document for query: test query" });
      return {
        pipeline,
        runs: [
          {
            inputs: { retriever: { query: "test query" }, ranker: { documents: [userDoc] } },
            expectedOutputs: { ranker: { documents: [userDoc, retrieved] } },
            expectedCalls: {
              "retriever#1": { query: "test query" },
              "ranker#1": { documents: [userDoc, retrieved] },
            },
          },
        ],
      };
    }, mode);
  });
});
