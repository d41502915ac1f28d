/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: optional inputs fed both by components and by
 * the user, inputs whose sockets and defaults are made at construction, values that are tables, and one component
 * sending from several outputs to one socket.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original. Inputs Haystack
 * records as None are left out of the expected calls: they are undefined in Trama, and `toEqual` treats a missing key
 * and an undefined one alike.
 */
import { BranchJoiner, ConditionalRouter, DocumentJoiner, PromptBuilder } from "@trama/components";
import { Document, defineComponent, type InputSocket, Pipeline, t } from "@trama/core";
import { BM25Retriever } from "@trama/retrieval";
import { describe, expect, it } from "vitest";
import { modes, runScenario } from "./harness.js";
import { haystackMemoryStore } from "./haystack-store.js";

const QueryMetadataExtractor = defineComponent({
  type: "scenario.QueryMetadataExtractor",
  inputs: { prompt: t.string },
  outputs: { filters: t.record(t.any) },
  run: ({ prompt }) => {
    const metadata = JSON.parse(prompt) as Record<string, unknown>;
    const conditions = Object.entries(metadata).map(([key, value]) => ({
      field: `meta.${key}`,
      operator: "==",
      value,
    }));
    return { filters: { operator: "AND", conditions } };
  },
});

const ParrotWithDynamicDefaultInputs = defineComponent({
  type: "scenario.ParrotWithDynamicDefaultInputs",
  inputs: (params: { inputVariable: string }) => ({
    [params.inputVariable]: t.string.default("Parrot doesn't only parrot!"),
  }),
  outputs: { response: t.string },
  run: (inputs, { params }) => ({ response: inputs[params.inputVariable] as string }),
});

const ParrotWithVariadicDynamicDefaultInputs = defineComponent({
  type: "scenario.ParrotWithVariadicDynamicDefaultInputs",
  inputs: (params: { inputVariable: string }) => {
    // Haystack's `Variadic[str]` with a default: a lazy variadic socket that is not mandatory.
    const socket: InputSocket<string, "lazy"> = {
      type: t.string,
      mandatory: false,
      default: "Parrot doesn't only parrot!",
      variadic: "lazy",
    };
    return { [params.inputVariable]: socket };
  },
  outputs: { response: t.list(t.string) },
  run: (inputs, { params }) => ({ response: inputs[params.inputVariable] as string[] }),
});

/** Haystack's DataFrame is a plain table object here: column name → values. */
const tableType = t.record(t.list(t.number));
const getTable = () => ({ a: [1, 2], b: [1, 2] });

const DataFramer = defineComponent({
  type: "scenario.DataFramer",
  inputs: { dataframe: tableType },
  outputs: { dataframe: tableType },
  run: () => ({ dataframe: getTable() }),
});

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that is linear and a component in the middle receives optional input from other components and input from the user", async () => {
    const documents = [
      new Document({
        content: "some publication about Alzheimer prevention research done over 2023 patients study",
        meta: { year: 2022, disease: "Alzheimer", author: "Michael Butter" },
        id: "doc1",
      }),
      new Document({
        content: "some text about investigation and treatment of Alzheimer disease",
        meta: { year: 2023, disease: "Alzheimer", author: "John Bread" },
        id: "doc2",
      }),
      new Document({
        content: "A study on the effectiveness of new therapies for Parkinson's disease",
        meta: { year: 2022, disease: "Parkinson", author: "Alice Smith" },
        id: "doc3",
      }),
      new Document({
        content:
          "An overview of the latest research on the genetics of Parkinson's disease and its implications for treatment",
        meta: { year: 2023, disease: "Parkinson", author: "David Jones" },
        id: "doc4",
      }),
    ];
    // Haystack's InMemoryBM25Retriever over an InMemoryDocumentStore using BM25Plus, as in the original. Haystack
    // scores doc2 4.148111588215998, with Okapi's IDF and a delta for each query term doc2 lacks; Trama's store scores
    // the two terms doc2 holds ("alzheimer", df 2; "disease", df 3) with IDF ln((N + 1)/df), N = 4, length 9 against
    // an average of 11.75 (see haystack-store.ts).
    const store = await haystackMemoryStore({ documents, algorithm: "BM25Plus" });
    const query = "publications 2023 Alzheimer's disease";
    const score = (Math.log(5 / 2) + Math.log(5 / 3)) * ((1 * 2.5) / (1 + 1.5 * (0.25 + (0.75 * 9) / 11.75)) + 1);
    const [found] = await store.keywordSearch(query, {
      filters: {
        operator: "AND",
        conditions: [
          { field: "meta.disease", operator: "==", value: "Alzheimer" },
          { field: "meta.year", operator: "==", value: 2023 },
        ],
      },
    });
    expect(found!.id).toBe("doc2");
    expect(found!.score).toBeCloseTo(score, 12);
    await runScenario(() => {
      const pipeline = new Pipeline()
        .add("builder", PromptBuilder({ template: '{"disease": "Alzheimer", "year": 2023}' }))
        .add("metadata_extractor", QueryMetadataExtractor())
        .add("retriever", BM25Retriever({ store }))
        .add("document_joiner", DocumentJoiner())
        .connect("builder.prompt", "metadata_extractor.prompt")
        .connect("metadata_extractor.filters", "retriever.filters")
        .connect("retriever.documents", "document_joiner.documents");
      return {
        pipeline,
        runs: [
          {
            inputs: { retriever: { query } },
            expectedOutputs: { document_joiner: { documents: [found] } },
            expectedCalls: {
              "builder#1": { template: undefined, templateVariables: undefined },
              "document_joiner#1": { documents: [[found]] },
              "metadata_extractor#1": { prompt: '{"disease": "Alzheimer", "year": 2023}' },
              "retriever#1": {
                filters: {
                  conditions: [
                    { field: "meta.disease", operator: "==", value: "Alzheimer" },
                    { field: "meta.year", operator: "==", value: 2023 },
                  ],
                  operator: "AND",
                },
                query,
              },
            },
          },
        ],
      };
    }, mode);
  });

  it("with a component that has dynamic default inputs", async () => {
    await runScenario(
      () => ({
        pipeline: new Pipeline().add("parrot", ParrotWithDynamicDefaultInputs({ inputVariable: "parrot" })),
        runs: [
          {
            inputs: { parrot: { parrot: "Are you a parrot?" } },
            expectedOutputs: { parrot: { response: "Are you a parrot?" } },
            expectedCalls: { "parrot#1": { parrot: "Are you a parrot?" } },
          },
          {
            inputs: {},
            expectedOutputs: { parrot: { response: "Parrot doesn't only parrot!" } },
            expectedCalls: { "parrot#1": { parrot: "Parrot doesn't only parrot!" } },
          },
        ],
      }),
      mode,
    );
  });

  it("with a component that has variadic dynamic default inputs", async () => {
    await runScenario(
      () => ({
        pipeline: new Pipeline({ maxRunsPerComponent: 1 }).add(
          "parrot",
          ParrotWithVariadicDynamicDefaultInputs({ inputVariable: "parrot" }),
        ),
        runs: [
          {
            inputs: { parrot: { parrot: "Are you a parrot?" } },
            expectedOutputs: { parrot: { response: ["Are you a parrot?"] } },
            expectedCalls: { "parrot#1": { parrot: ["Are you a parrot?"] } },
          },
          {
            inputs: {},
            expectedOutputs: { parrot: { response: ["Parrot doesn't only parrot!"] } },
            expectedCalls: { "parrot#1": { parrot: ["Parrot doesn't only parrot!"] } },
          },
        ],
      }),
      mode,
    );
  });

  it("that has components returning dataframes", async () => {
    await runScenario(
      () => ({
        pipeline: new Pipeline({ maxRunsPerComponent: 1 })
          .add("df_1", DataFramer())
          .add("df_2", DataFramer())
          .connect("df_1", "df_2"),
        runs: [
          {
            inputs: { df_1: { dataframe: getTable() } },
            expectedOutputs: { df_2: { dataframe: getTable() } },
            expectedCalls: { "df_1#1": { dataframe: getTable() }, "df_2#1": { dataframe: getTable() } },
          },
        ],
      }),
      mode,
    );
  });

  it("where a single component connects multiple sockets to the same receiver socket", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("joiner", BranchJoiner({ type: t.string }))
        .add(
          "router",
          ConditionalRouter({
            routes: [
              { condition: "{{query == 'route_1'}}", output: "{{query}}", outputName: "route_1", outputType: t.string },
              { condition: "{{query == 'route_2'}}", output: "{{query}}", outputName: "route_2", outputType: t.string },
            ],
          }),
        )
        .connect("router.route_1", "joiner.value")
        .connect("router.route_2", "joiner.value");
      return {
        pipeline,
        runs: [
          {
            inputs: { router: { query: "route_1" } },
            expectedOutputs: { joiner: { value: "route_1" } },
            expectedCalls: { "router#1": { query: "route_1" }, "joiner#1": { value: ["route_1"] } },
          },
        ],
      };
    }, mode);
  });
});
