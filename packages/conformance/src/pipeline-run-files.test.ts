/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: file-conversion pipelines, where a router sends
 * files to converters by MIME type and converters that receive nothing never run, so the joiners behind them wait
 * for senders that will not come.
 * The converters, router, splitter, writer and byte streams are @trama/retrieval's. Document ids are Trama's own,
 * computed from content and metadata: where Haystack hard-codes the id of a split's source document, the expectation
 * uses the Trama id of that document. Deliberate differences: every split also carries `source_offsets` (its exact
 * place in its source), and the writer's outputs are `documentsWritten` and `documentsSkipped`.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original. Inputs Haystack
 * records as None are left out of the expected calls: they are undefined in Trama, and `toEqual` treats a missing key
 * and an undefined one alike.
 */
import { BranchJoiner, ConditionalRouter, DocumentJoiner } from "@trama/components";
import { Document, defineComponent, documentType, Pipeline, t } from "@trama/core";
import {
  ByteStream,
  CSVToDocument,
  DocumentSplitter,
  DocumentWriter,
  FileTypeRouter,
  HTMLToDocument,
  InMemoryDocumentStore,
  JSONConverter,
  TextFileToDocument,
} from "@trama/retrieval";
import { describe, expect, it } from "vitest";
import { modes, runScenario } from "./harness.js";

/** Adds `metas[n]` to the metadata of every document on its n-th call (starting over at the end), sorted by type. */
const FakeDataExtractor = defineComponent({
  type: "scenario.FakeDataExtractor",
  state: () => ({ currentIdx: 0 }),
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: (
    { documents },
    { params, state }: { params: { metas: Record<string, unknown>[] }; state: { currentIdx: number } },
  ) => {
    const type = (document: Document) => String(document.meta.file_type);
    const sorted = [...documents].sort((a, b) => (type(a) < type(b) ? -1 : type(a) > type(b) ? 1 : 0));
    if (state.currentIdx >= sorted.length) state.currentIdx = 0;
    // Haystack replaces each document's meta in place, which keeps its id; withMeta keeps the id too.
    const updated = sorted.map((document) => document.withMeta(params.metas[state.currentIdx]!));
    state.currentIdx++;
    return { documents: updated };
  },
});

const allMimeTypes = ["text/csv", "text/plain", "application/json", "text/html"];

/** The router, converters and joiners shared by the "three joiners" scenarios. */
function threeJoinersPipeline(maxRunsPerComponent: number) {
  return new Pipeline({ maxRunsPerComponent })
    .add("router", FileTypeRouter({ mimeTypes: allMimeTypes }))
    .add("splitter", DocumentSplitter({ splitBy: "word", splitLength: 3, splitOverlap: 0 }))
    .add("txt_converter", TextFileToDocument())
    .add("csv_converter", CSVToDocument())
    .add("json_converter", JSONConverter({ contentKey: "content" }))
    .add("html_converter", HTMLToDocument())
    .add("joiner", DocumentJoiner())
    .add("DocumentJoiner_1", DocumentJoiner())
    .add("DocumentJoiner_2", DocumentJoiner())
    .add("page_splitter", DocumentSplitter({ splitBy: "page", splitLength: 1, splitOverlap: 0 }))
    .connect("router.text/plain", "txt_converter.sources")
    .connect("router.application/json", "json_converter.sources")
    .connect("router.text/csv", "csv_converter.sources")
    .connect("router.text/html", "html_converter.sources")
    .connect("txt_converter.documents", "joiner.documents")
    .connect("json_converter.documents", "joiner.documents")
    .connect("csv_converter.documents", "DocumentJoiner_1.documents")
    .connect("html_converter.documents", "DocumentJoiner_1.documents")
    .connect("joiner.documents", "splitter.documents")
    .connect("DocumentJoiner_1.documents", "page_splitter.documents")
    .connect("splitter.documents", "DocumentJoiner_2.documents")
    .connect("page_splitter.documents", "DocumentJoiner_2.documents");
}

const htmlData = `
<html><body>Some content</body></html>
    `;
const txtData = "Text file content";
const txtAndHtmlSources = () => [
  ByteStream.fromString(txtData, { mimeType: "text/plain", meta: { file_type: "txt" } }),
  ByteStream.fromString(htmlData, { mimeType: "text/html", meta: { file_type: "html" } }),
];

/** Where a split lies in its source (Trama's addition to Haystack's split metadata). */
const offsets = (start: number, content: string) => ({ start, end: start + content.length });

/** A document split from `source` into one piece. */
const onlySplitOf = (source: Document) =>
  new Document({
    content: source.content,
    meta: {
      ...source.meta,
      source_id: source.id,
      page_number: 1,
      split_id: 0,
      split_idx_start: 0,
      source_offsets: offsets(0, source.content!),
    },
  });

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that is a file conversion pipeline with two joiners", async () => {
    await runScenario(() => {
      const csvData = `
some,header,row
0,1,0
    `;
      const txtData = "Text file content for testing this.";
      const sources = [
        ByteStream.fromString(csvData, { mimeType: "text/csv", meta: { file_type: "csv" } }),
        ByteStream.fromString(txtData, { mimeType: "text/plain", meta: { file_type: "txt" } }),
        ByteStream.fromString('{"content": "Some test content"}', {
          mimeType: "application/json",
          meta: { file_type: "json" },
        }),
      ];
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("router", FileTypeRouter({ mimeTypes: ["text/csv", "text/plain", "application/json"] }))
        .add("splitter", DocumentSplitter({ splitBy: "word", splitLength: 3, splitOverlap: 0 }))
        .add("txt_converter", TextFileToDocument())
        .add("csv_converter", CSVToDocument())
        .add("json_converter", JSONConverter({ contentKey: "content" }))
        .add("b_joiner", DocumentJoiner())
        .add("a_joiner", DocumentJoiner())
        .connect("router.text/plain", "txt_converter.sources")
        .connect("router.application/json", "json_converter.sources")
        .connect("router.text/csv", "csv_converter.sources")
        .connect("txt_converter.documents", "b_joiner.documents")
        .connect("json_converter.documents", "b_joiner.documents")
        .connect("csv_converter.documents", "a_joiner.documents")
        .connect("b_joiner.documents", "splitter.documents")
        .connect("splitter.documents", "a_joiner.documents");

      const expectedPreSplitDocs = [
        new Document({ content: "Some test content", meta: { file_type: "json" } }),
        new Document({ content: txtData, meta: { file_type: "txt" } }),
      ];
      // Haystack hard-codes the ids of the documents split as `source_id`; these are the Trama ids of the same ones.
      const [jsonId, txtId] = expectedPreSplitDocs.map((document) => document.id);
      const expectedSplitsDocs = [
        new Document({
          content: "Some test content",
          meta: {
            file_type: "json",
            source_id: jsonId,
            page_number: 1,
            split_id: 0,
            split_idx_start: 0,
            source_offsets: offsets(0, "Some test content"),
          },
        }),
        new Document({
          content: "Text file content ",
          meta: {
            file_type: "txt",
            source_id: txtId,
            page_number: 1,
            split_id: 0,
            split_idx_start: 0,
            source_offsets: offsets(0, "Text file content "),
          },
        }),
        new Document({
          content: "for testing this.",
          meta: {
            file_type: "txt",
            source_id: txtId,
            page_number: 1,
            split_id: 1,
            split_idx_start: 18,
            source_offsets: offsets(18, "for testing this."),
          },
        }),
      ];
      const expectedCsvDocs = [new Document({ content: csvData, meta: { file_type: "csv" } })];
      return {
        pipeline,
        runs: [
          {
            inputs: { router: { sources } },
            expectedOutputs: { a_joiner: { documents: [...expectedCsvDocs, ...expectedSplitsDocs] } },
            expectedCalls: {
              "router#1": { sources },
              "csv_converter#1": { sources: [sources[0]] },
              "txt_converter#1": { sources: [sources[1]] },
              "json_converter#1": { sources: [sources[2]] },
              // Haystack accepts the lists of b_joiner and a_joiner in any order, as its async run may finish the
              // senders in either order. Trama's order is deterministic (by wave, then name): the exact order is
              // asserted.
              "b_joiner#1": { documents: [[expectedPreSplitDocs[0]], [expectedPreSplitDocs[1]]] },
              "splitter#1": { documents: expectedPreSplitDocs },
              "a_joiner#1": { documents: [expectedCsvDocs, expectedSplitsDocs] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is a file conversion pipeline with three joiners", async () => {
    await runScenario(() => {
      const sources = txtAndHtmlSources();
      const expectedHtmlDoc = new Document({ content: "Some content", meta: { file_type: "html" } });
      const expectedTxtDoc = new Document({ content: txtData, meta: { file_type: "txt" } });
      // Haystack matches the split documents' ids with ANY.
      const anyId = (document: Document) => new Document({ ...document.toJSON(), id: expect.any(String) });
      const htmlSplit = anyId(onlySplitOf(expectedHtmlDoc));
      const txtSplit = anyId(onlySplitOf(expectedTxtDoc));
      return {
        pipeline: threeJoinersPipeline(1),
        runs: [
          {
            inputs: { router: { sources } },
            // Haystack accepts the documents in any order, as its async run may finish the splitters in either
            // order. Trama's order is deterministic: the exact order is asserted.
            expectedOutputs: { DocumentJoiner_2: { documents: [htmlSplit, txtSplit] } },
            expectedCalls: {
              "router#1": { sources },
              "html_converter#1": { sources: [sources[1]] },
              "txt_converter#1": { sources: [sources[0]] },
              "joiner#1": { documents: [[expectedTxtDoc]] },
              "DocumentJoiner_1#1": { documents: [[expectedHtmlDoc]] },
              "DocumentJoiner_2#1": { documents: [[htmlSplit], [txtSplit]] },
              "splitter#1": { documents: [expectedTxtDoc] },
              "page_splitter#1": { documents: [expectedHtmlDoc] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is a file conversion pipeline with three joiners and a loop", async () => {
    await runScenario(() => {
      const sources = txtAndHtmlSources();
      // Haystack needs `unsafe=True` for `{{documents}}` to emit the documents themselves; Trama's router always
      // evaluates a single expression to the real value.
      const extractionRouter = ConditionalRouter({
        routes: [
          {
            condition: "{{documents[0].meta['iteration'] == 1}}",
            outputName: "continue",
            output: "{{documents}}",
            outputType: t.list(documentType),
          },
          {
            condition: "{{documents[0].meta['iteration'] == 2}}",
            outputName: "stop",
            output: "{{documents}}",
            outputType: t.list(documentType),
          },
        ],
      });
      const pipeline = threeJoinersPipeline(2)
        .add("metadata_generator", FakeDataExtractor({ metas: [{ iteration: 1 }, { iteration: 2 }] }))
        .add("extraction_router", extractionRouter)
        .add("branch_joiner", BranchJoiner({ type: t.list(documentType) }))
        .connect("DocumentJoiner_2.documents", "branch_joiner.value")
        .connect("branch_joiner.value", "metadata_generator.documents")
        .connect("metadata_generator.documents", "extraction_router.documents")
        .connect("extraction_router.continue", "branch_joiner.value");

      const expectedHtmlDoc = new Document({ content: "Some content", meta: { file_type: "html" } });
      const expectedTxtDoc = new Document({ content: txtData, meta: { file_type: "txt" } });
      const expectedDocs = [onlySplitOf(expectedHtmlDoc), onlySplitOf(expectedTxtDoc)];
      const iteration1 = expectedDocs.map((document) => document.withMeta({ iteration: 1 }));
      const iteration2 = expectedDocs.map((document) => document.withMeta({ iteration: 2 }));
      return {
        pipeline,
        runs: [
          {
            inputs: { router: { sources } },
            expectedOutputs: { extraction_router: { stop: iteration2 } },
            expectedCalls: {
              "router#1": { sources },
              "html_converter#1": { sources: [sources[1]] },
              "txt_converter#1": { sources: [sources[0]] },
              "joiner#1": { documents: [[expectedTxtDoc]] },
              "DocumentJoiner_1#1": { documents: [[expectedHtmlDoc]] },
              // Haystack matches the next three with ANY, as the order of the documents differs between its sync and
              // async runs. Trama's order is deterministic: the exact values are asserted.
              "DocumentJoiner_2#1": { documents: [[expectedDocs[0]], [expectedDocs[1]]] },
              "splitter#1": { documents: [expectedTxtDoc] },
              "page_splitter#1": { documents: [expectedHtmlDoc] },
              "branch_joiner#1": { value: [expectedDocs] },
              "metadata_generator#1": { documents: expectedDocs },
              "extraction_router#1": { documents: iteration1 },
              "branch_joiner#2": { value: [iteration1] },
              "metadata_generator#2": { documents: iteration1 },
              "extraction_router#2": { documents: iteration2 },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is a file conversion pipeline with three auto joiners", async () => {
    await runScenario(() => {
      const sources = txtAndHtmlSources();
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("router", FileTypeRouter({ mimeTypes: allMimeTypes }))
        .add("splitter", DocumentSplitter({ splitBy: "word", splitLength: 3, splitOverlap: 0 }))
        .add("txt_converter", TextFileToDocument())
        .add("csv_converter", CSVToDocument())
        .add("json_converter", JSONConverter({ contentKey: "content" }))
        .add("html_converter", HTMLToDocument())
        .add("writer", DocumentWriter({ store: new InMemoryDocumentStore() }))
        .add("page_splitter", DocumentSplitter({ splitBy: "page", splitLength: 1, splitOverlap: 0 }))
        .connect("router.text/plain", "txt_converter.sources")
        .connect("router.application/json", "json_converter.sources")
        .connect("router.text/csv", "csv_converter.sources")
        .connect("router.text/html", "html_converter.sources")
        .connect("txt_converter.documents", "splitter.documents")
        .connect("json_converter.documents", "splitter.documents")
        .connect("csv_converter.documents", "page_splitter.documents")
        .connect("html_converter.documents", "page_splitter.documents")
        .connect("splitter.documents", "writer.documents")
        .connect("page_splitter.documents", "writer.documents");
      // Haystack matches the ids and source ids of the split documents with ANY.
      const split = (content: string, fileType: string) =>
        new Document({
          id: expect.any(String),
          content,
          meta: {
            file_type: fileType,
            source_id: expect.any(String),
            page_number: 1,
            split_id: 0,
            split_idx_start: 0,
            source_offsets: offsets(0, content),
          },
        });
      return {
        pipeline,
        runs: [
          {
            inputs: { router: { sources } },
            expectedOutputs: { writer: { documentsWritten: 2, documentsSkipped: 0 } },
            expectedCalls: {
              "router#1": { sources },
              "html_converter#1": { sources: [sources[1]] },
              "txt_converter#1": { sources: [sources[0]] },
              // Haystack accepts these documents in any order, as its async run may finish the splitters in either
              // order. Trama's order is deterministic: the exact order is asserted.
              "writer#1": { documents: [split("Some content", "html"), split(txtData, "txt")] },
              "splitter#1": { documents: [new Document({ content: txtData, meta: { file_type: "txt" } })] },
              "page_splitter#1": {
                documents: [new Document({ content: "Some content", meta: { file_type: "html" } })],
              },
            },
          },
        ],
      };
    }, mode);
  });
});
