import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { components as builtIns } from "@trama/components";
import { type AnyComponent, ComponentRegistry, Document, Pipeline } from "@trama/core";
import { afterAll, describe, expect, it } from "vitest";
import { components } from "../components.js";
import type { DocumentStore } from "../store/document-store.js";
import { InMemoryDocumentStore } from "../store/memory/in-memory-document-store.js";
import { registerStoreKind } from "../store/store-shorthand.js";
import { BM25Retriever } from "./bm25-retriever.js";
import { DocumentWriter } from "./document-writer.js";
import { EmbeddingRetriever } from "./embedding-retriever.js";
import { HybridRetriever } from "./hybrid-retriever.js";

const folder = mkdtempSync(join(tmpdir(), "trama-retrievers-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const registry = new ComponentRegistry(builtIns, components);

const corpus = [
  new Document({
    id: "pisa",
    content: "The tower of Pisa leans",
    meta: { city: "Pisa", year: 1372 },
    embedding: [1, 0, 0],
  }),
  new Document({
    id: "rome",
    content: "Rome has the Colosseum",
    meta: { city: "Rome", year: 80 },
    embedding: [0, 1, 0],
  }),
  new Document({
    id: "paris",
    content: "Paris has a tower too",
    meta: { city: "Paris", year: 1889 },
    embedding: [0.7, 0.7, 0],
  }),
  new Document({
    id: "venice",
    content: "Venice has canals",
    meta: { city: "Venice", year: 1000 },
    embedding: [0, 0, 1],
  }),
];

async function filledStore(options: ConstructorParameters<typeof InMemoryDocumentStore>[0] = {}) {
  const store = new InMemoryDocumentStore(options);
  await store.write(corpus);
  return store;
}

async function runOne(component: AnyComponent, inputs: Record<string, unknown>) {
  const result = await new Pipeline().add("component", component).run({ component: inputs });
  return result.component as Record<string, unknown> & { documents: Document[] };
}
const ids = (documents: Document[]) => documents.map((document) => document.id);

describe("BM25Retriever", () => {
  it("finds the best matches, with top-k, filters that replace or merge, and scaled scores", async () => {
    const store = await filledStore();
    const { documents } = await runOne(BM25Retriever({ store }), { query: "tower" });
    expect(ids(documents).sort()).toEqual(["paris", "pisa"]);
    expect(documents.every((document) => (document.score ?? 0) > 0)).toBe(true);
    const one = await runOne(BM25Retriever({ store, topK: 1 }), { query: "tower" });
    expect(one.documents).toHaveLength(1);
    const own = { field: "meta.year", operator: "<", value: 1500 } as const;
    const given = { field: "meta.city", operator: "==", value: "Paris" } as const;
    expect(ids((await runOne(BM25Retriever({ store, filters: own }), { query: "tower" })).documents)).toEqual(["pisa"]);
    const replaced = await runOne(BM25Retriever({ store, filters: own }), { query: "tower", filters: given });
    expect(ids(replaced.documents)).toEqual(["paris"]);
    const merged = await runOne(BM25Retriever({ store, filters: own, filterPolicy: "merge" }), {
      query: "tower",
      filters: given,
    });
    expect(merged.documents).toEqual([]);
    const scaled = await runOne(BM25Retriever({ store }), { query: "tower", scaleScore: true });
    expect(scaled.documents.every((document) => document.score! > 0 && document.score! < 1)).toBe(true);
  });

  it("says which store lacks keyword search, at construction for a live store and at warm-up for a shorthand", async () => {
    const memory = await filledStore();
    // A store with only the contract's required methods: no search at all.
    const plain: DocumentStore = {
      specificationVersion: "v1",
      kind: "plain",
      count: (filters) => memory.count(filters),
      filter: (filters, options) => memory.filter(filters, options),
      write: (documents, options) => memory.write(documents, options),
      delete: (list) => memory.delete(list),
      toConfig: () => ({ kind: "plain", path: "./plain.db" }),
    };
    expect(() => BM25Retriever({ store: plain })).toThrow(
      "BM25Retriever needs a store with keyword (BM25) search, but the plain store ./plain.db has none. Use a store that has it (memory, sqlite and postgres have both).",
    );
    // A store named by a shorthand is checked when the pipeline warms up.
    registerStoreKind("plain", { open: async () => plain, fromConfig: async () => plain });
    const pipeline = new Pipeline().add("retriever", EmbeddingRetriever({ store: "plain:./plain.db" }));
    await expect(pipeline.run({ retriever: { queryEmbedding: [1, 0, 0] } })).rejects.toThrow(
      /EmbeddingRetriever needs a store with vector search, but the plain store \.\/plain\.db has none/,
    );
    expect(() => BM25Retriever({ store: 42 as never })).toThrow(/BM25Retriever needs a 'store'/);
    await expect(
      new Pipeline().add("retriever", BM25Retriever({ store: "nosuch:thing" })).run({
        retriever: { query: "x" },
      }),
    ).rejects.toThrow(/Unknown store kind 'nosuch'/);
  });
});

describe("EmbeddingRetriever and HybridRetriever", () => {
  it("find the nearest embeddings, with filters and top-k", async () => {
    const store = await filledStore();
    const { documents } = await runOne(EmbeddingRetriever({ store, topK: 2 }), { queryEmbedding: [1, 0.1, 0] });
    expect(ids(documents)).toEqual(["pisa", "paris"]);
    const filtered = await runOne(EmbeddingRetriever({ store, topK: 2 }), {
      queryEmbedding: [1, 0.1, 0],
      filters: { field: "meta.city", operator: "in", value: ["Rome", "Venice"] },
    });
    expect(ids(filtered.documents)).toEqual(["rome", "venice"]);
  });

  it("joins keyword and vector results by reciprocal rank fusion or weighted scores", async () => {
    const store = await filledStore();
    // Keyword search finds the leaning tower first, then the other tower; the embedding points at Rome, then Paris.
    const inputs = { query: "tower leans", queryEmbedding: [0.1, 1, 0] };
    const fused = await runOne(HybridRetriever({ store, topK: 3 }), inputs);
    expect(ids(fused.documents)).toEqual(["pisa", "paris", "rome"]);
    const vectorHeavy = await runOne(HybridRetriever({ store, topK: 1, join: "merge", weights: [0.1, 0.9] }), inputs);
    expect(ids(vectorHeavy.documents)).toEqual(["rome"]);
    const keywordHeavy = await runOne(HybridRetriever({ store, topK: 1, join: "merge", weights: [0.9, 0.1] }), inputs);
    expect(ids(keywordHeavy.documents)).toEqual(["pisa"]);
    expect(() => HybridRetriever({ store, weights: [1] as never })).toThrow(/'weights' takes two numbers/);
  });
});

describe("DocumentWriter", () => {
  it("writes with each duplicate policy; a failed write leaves the store as it was", async () => {
    const store = new InMemoryDocumentStore();
    const first = [new Document({ id: "a", content: "one" }), new Document({ id: "b", content: "two" })];
    expect(await runOne(DocumentWriter({ store }), { documents: first })).toEqual({
      documentsWritten: 2,
      documentsSkipped: 0,
    });
    const again = [new Document({ id: "a", content: "ONE" }), new Document({ id: "c", content: "three" })];
    await expect(
      new Pipeline().add("writer", DocumentWriter({ store })).run({ writer: { documents: again } }),
    ).rejects.toThrow();
    expect(await store.count()).toBe(2);
    expect(await runOne(DocumentWriter({ store, policy: "skip" }), { documents: again })).toEqual({
      documentsWritten: 1,
      documentsSkipped: 1,
    });
    expect((await store.filter({ field: "id", operator: "==", value: "a" }))[0]!.content).toBe("one");
    await runOne(DocumentWriter({ store }), { documents: again, policy: "overwrite" });
    expect((await store.filter({ field: "id", operator: "==", value: "a" }))[0]!.content).toBe("ONE");
    expect(() => DocumentWriter({ store, policy: "replace" as never })).toThrow(/policy 'replace' is not one of/);
  });
});

describe("retrievers in pipeline files", () => {
  it("save their store as its configuration and load back working, with the same results", async () => {
    const path = join(folder, "store.json");
    const store = await filledStore({ path });
    await store.save();
    const pipeline = new Pipeline()
      .add("bm25", BM25Retriever({ store, topK: 2 }))
      .add("vectors", EmbeddingRetriever({ store: `memory:${path}`, topK: 2 }))
      .add("hybrid", HybridRetriever({ store, topK: 3 }));
    const inputs = {
      bm25: { query: "tower" },
      vectors: { queryEmbedding: [0, 0.2, 1] },
      hybrid: { query: "canals", queryEmbedding: [0, 0, 1] },
    };
    const expected = await pipeline.run(inputs);
    const yaml = pipeline.toYAML();
    expect(yaml).toContain("kind: memory");
    expect(yaml).toContain(`store: memory:${path}`);
    const loaded = Pipeline.fromYAML(yaml, { registry });
    expect(await loaded.run(inputs)).toEqual(expected);
    expect(ids((expected.vectors as { documents: Document[] }).documents)).toEqual(["venice", "rome"]);
  });
});
