/**
 * Samples of `@trama/retrieval`'s components. Retrievers and writers hold a live store of every kind (in memory,
 * SQLite in a temporary file, Postgres through a pool that never connects), a shorthand and a saved configuration,
 * each with every option set: the file must hold the store's whole configuration, never a connection string.
 * @module
 */
import { join } from "node:path";
import { Document } from "@trama/core";
import { ChatGenerator } from "@trama/models";
import { PostgresDocumentStore } from "@trama/postgres";
import {
  AnswerExactMatchEvaluator,
  BM25Retriever,
  ByteStream,
  ContextRelevanceEvaluator,
  CSVToDocument,
  DocumentCleaner,
  DocumentMRREvaluator,
  DocumentNDCGEvaluator,
  DocumentRecallEvaluator,
  DocumentSplitter,
  DocumentWriter,
  EmbeddingRetriever,
  FaithfulnessEvaluator,
  FileTypeRouter,
  HTMLToDocument,
  HybridRetriever,
  InMemoryDocumentStore,
  JSONConverter,
  LLMRanker,
  LostInTheMiddleRanker,
  MarkdownToDocument,
  MetaFieldRanker,
  MultiFileConverter,
  PDFToDocument,
  TextFileToDocument,
} from "@trama/retrieval";
import { SqliteDocumentStore } from "@trama/sqlite";
import { type ComponentSample, documents, liveGenerator, qwen, qwenSaved, sample } from "./sample.js";

/** The environment variable the Postgres sample names; it must hold a connection string before the samples are built. */
export const postgresVariable = "TRAMA_ROUND_TRIP_DATABASE_URL";

/**
 * Samples of every component type of `@trama/retrieval`, and a `close` for the stores they hold. `folder` is an
 * empty temporary folder for the SQLite files.
 */
export function retrievalSamples(folder: string): { samples: ComponentSample[]; close(): Promise<void> } {
  const live = liveGenerator();
  const memoryOptions = {
    analyzer: "italian",
    bm25: { variant: "bm25+", k1: 1.5, b: 0.6, delta: 0.5 },
    similarity: "dot",
    vectorStorage: "int8",
  } as const;
  const sqliteOptions = {
    path: join(folder, "documents.db"),
    language: "italian",
    similarity: "dot",
    synchronous: "FULL",
  } as const;
  const postgresOptions = {
    connectionVariable: postgresVariable,
    schema: "podcast",
    table: "episodes",
    language: "italian",
    similarity: "dot",
    embeddingDimension: 384,
    vectorIndex: "hnsw",
    createExtension: false,
    maxConnections: 3,
  } as const;
  const memoryStore = new InMemoryDocumentStore(memoryOptions);
  const sqliteStore = new SqliteDocumentStore(sqliteOptions);
  const postgresStore = new PostgresDocumentStore(postgresOptions);
  const note = ByteStream.fromString("caffè", { meta: { file_path: "/notes/bar.txt" }, mimeType: "text/plain" });
  const caption = ByteStream.fromString("1\n00:00:01,000 --> 00:00:02,000\nciao\n", { mimeType: "text/srt" });
  const ranked = { groundTruthDocuments: [[documents[2]!]], retrievedDocuments: [[documents[0]!, documents[2]!]] };
  const samples = [
    sample(
      BM25Retriever,
      {
        store: memoryStore,
        filters: { field: "meta.language", operator: "==", value: "it" },
        topK: 4,
        scaleScore: true,
        filterPolicy: "merge",
      },
      {
        note: "a live memory store",
        overrides: {
          store: { kind: "memory", ...memoryOptions },
        },
      },
    ),
    sample(
      EmbeddingRetriever,
      { store: sqliteStore, similarity: "cosine", topK: 3, scaleScore: true },
      {
        note: "a live SQLite store",
        overrides: {
          store: { kind: "sqlite", ...sqliteOptions },
        },
      },
    ),
    sample(
      HybridRetriever,
      {
        store: postgresStore,
        join: "merge",
        weights: [0.3, 0.7],
        candidates: 20,
        topK: 5,
        filters: {
          operator: "AND",
          conditions: [
            { field: "meta.episode", operator: ">=", value: 40 },
            { field: "meta.speaker", operator: "in", value: ["Paolo", "Stefano"] },
          ],
        },
        filterPolicy: "merge",
      },
      {
        note: "a live Postgres store",
        warmUp: false,
        overrides: {
          store: { kind: "postgres", ...postgresOptions },
        },
      },
    ),
    sample(
      HybridRetriever,
      { store: { kind: "memory", analyzer: "english", similarity: "dot" }, join: "reciprocal_rank_fusion", topK: 2 },
      { note: "a saved store configuration" },
    ),
    sample(
      DocumentWriter,
      { store: `sqlite:${join(folder, "written.db")}`, policy: "overwrite" },
      { note: "a store shorthand" },
    ),
    sample(
      LLMRanker,
      { generator: live.generator, topK: 3, maxCharacters: 500 },
      {
        overrides: { generator: { type: "trama.ChatGenerator", init_parameters: live.saved } },
      },
    ),
    sample(LostInTheMiddleRanker, { wordCountThreshold: 300, topK: 6 }, { run: { documents } }),
    sample(
      MetaFieldRanker,
      {
        metaField: "published",
        weight: 0.5,
        topK: 4,
        rankingMode: "linear_score",
        sortOrder: "ascending",
        missingMeta: "top",
        metaValueType: "date",
      },
      { run: { documents } },
    ),
    sample(
      FileTypeRouter,
      {
        mimeTypes: ["text/plain", "application/pdf", "text/.*"],
        additionalMimetypes: { ".srt": "text/srt" },
      },
      { run: { sources: [caption, note] } },
    ),
    sample(TextFileToDocument, { encoding: "latin1", storeFullPath: true }, { run: { sources: [note] } }),
    sample(CSVToDocument, { encoding: "utf-16le", storeFullPath: true }),
    sample(HTMLToDocument, { encoding: "latin1", storeFullPath: true }),
    sample(MarkdownToDocument, { encoding: "latin1", storeFullPath: true }),
    sample(JSONConverter, { contentKey: "body", extraMetaFields: ["author", "date"], storeFullPath: true }),
    sample(MultiFileConverter, {
      encoding: "latin1",
      jsonContentKey: "text",
      documentPerPage: true,
      storeFullPath: true,
    }),
    sample(PDFToDocument, { documentPerPage: true, storeFullPath: true }),
    sample(
      ContextRelevanceEvaluator,
      { generator: new ChatGenerator(qwen), raiseOnFailure: false },
      {
        overrides: { generator: qwenSaved },
      },
    ),
    sample(
      FaithfulnessEvaluator,
      { generator: new ChatGenerator(qwen), raiseOnFailure: false },
      {
        overrides: { generator: qwenSaved },
      },
    ),
    sample(DocumentRecallEvaluator, { k: 2, compareBy: "id", mode: "multi_hit" }, { run: ranked }),
    sample(DocumentMRREvaluator, { k: 2, compareBy: "id" }, { run: ranked }),
    sample(DocumentNDCGEvaluator, { k: 2, compareBy: "id" }, { run: ranked }),
    sample(
      AnswerExactMatchEvaluator,
      { normalize: true },
      { run: { groundTruthAnswers: ["Claude", "Karpathy"], predictedAnswers: [" claude.", "Hinton"] } },
    ),
    sample(
      DocumentCleaner,
      {
        removeEmptyLines: false,
        removeExtraWhitespaces: false,
        removeRepeatedSubstrings: true,
        removeSubstrings: ["Pagina", "Trascrizione automatica"],
        removeRegex: "\\[\\d+\\]",
        unicodeNormalization: "NFKC",
        asciiOnly: true,
        keepId: true,
      },
      { run: { documents } },
    ),
    sample(
      DocumentSplitter,
      {
        splitBy: "word",
        splitLength: 120,
        splitOverlap: 20,
        splitThreshold: 10,
        respectSentenceBoundary: true,
        language: "it",
        skipEmptyDocuments: false,
      },
      { run: { documents: [...documents, new Document({ id: "empty", content: "" })] } },
    ),
  ];
  return {
    samples,
    close: async () => {
      await Promise.all([memoryStore.close(), sqliteStore.close(), postgresStore.close()]);
    },
  };
}
