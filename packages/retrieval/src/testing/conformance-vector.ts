/**
 * Conformance: vector search with `dot` and `cosine`: exact scores, order, topK, filters, documents without
 * embeddings left out, a wrong embedding size refused, and an index consistent through overwrite and delete.
 * @module
 */
import { Document, TramaError } from "@trama/core";
import { describe, expect, it } from "vitest";
import type { DocumentStore, VectorSearchOptions } from "../store/document-store.js";
import { FilterError } from "../store/errors.js";
import type { StoreConformanceOptions } from "./store-conformance.js";
import { freshStorePerTest, idsOf } from "./store-harness.js";

const vector = (id: string, embedding: number[] | undefined, group: string) =>
  new Document({ id, content: `document ${id}`, meta: { group }, ...(embedding ? { embedding } : {}) });

const corpus = [
  vector("v1", [1, 0, 0, 0], "a"),
  vector("v2", [0.5, 0.5, 0, 0], "a"),
  vector("v3", [2, 0.1, 0, 0], "a"),
  vector("v4", [0, 1, 0, 0], "b"),
  vector("v5", [-1, 0, 0, 0], "b"),
  vector("v6", undefined, "b"),
  vector("v7", [3, 4, 0, 0], "b"),
];
const query = [1, 0, 0, 0];

function search(store: DocumentStore, embedding: number[], options: VectorSearchOptions) {
  if (!store.vectorSearch) throw new Error(`${store.kind} declares vector search but has no vectorSearch method`);
  return store.vectorSearch(embedding, options);
}

function expectScores(found: readonly Document[], expected: Array<[string, number]>): void {
  expect(idsOf(found)).toEqual(expected.map(([id]) => id));
  expected.forEach(([id, score], index) => {
    expect(found[index]?.score, id).toBeCloseTo(score, 5);
  });
}

/** Registers the vector search tests. */
export function describeVectorConformance(name: string, options: StoreConformanceOptions): void {
  describe(`${name} conforms to the document store contract: vector search`, () => {
    const store = freshStorePerTest(options);
    const filled = async () => {
      await store().write(corpus);
      return store();
    };

    it("ranks by dot product with exact scores, leaving out documents without embeddings", async () => {
      const found = await search(await filled(), query, { similarity: "dot", topK: 10 });
      expectScores(found, [
        ["v7", 3],
        ["v3", 2],
        ["v1", 1],
        ["v2", 0.5],
        ["v4", 0],
        ["v5", -1],
      ]);
    });

    it("ranks by cosine similarity with exact scores", async () => {
      const found = await search(await filled(), query, { similarity: "cosine", topK: 10 });
      expectScores(found, [
        ["v1", 1],
        ["v3", 2 / Math.sqrt(4.01)],
        ["v2", Math.SQRT1_2],
        ["v7", 0.6],
        ["v4", 0],
        ["v5", -1],
      ]);
    });

    it("applies topK and metadata filters, and returns whole documents", async () => {
      const store = await filled();
      expect(idsOf(await search(store, query, { similarity: "dot", topK: 2 }))).toEqual(["v7", "v3"]);
      const groupB = await search(store, query, {
        similarity: "cosine",
        topK: 10,
        filters: { field: "meta.group", operator: "==", value: "b" },
      });
      expect(idsOf(groupB)).toEqual(["v7", "v4", "v5"]);
      expect(groupB[0]?.content).toBe("document v7");
      expect(groupB[0]?.meta).toEqual({ group: "b" });
    });

    it("filters before taking the top k: the best of the matching documents, not the matching ones of the best", async () => {
      const store = await filled();
      const groupA = { field: "meta.group", operator: "==", value: "a" } as const;
      expect(idsOf(await search(store, query, { similarity: "dot", topK: 1, filters: groupA }))).toEqual(["v3"]);
    });

    it("refuses a write holding an embedding of another dimension, and writes nothing of it", async () => {
      const store = await filled();
      const before = await store.filter();
      const batch = [vector("n1", [0, 0, 1, 0], "a"), vector("n2", [1, 2, 3], "a")];
      await expect(store.write(batch)).rejects.toSatisfy(TramaError.isInstance);
      expect(await store.filter()).toEqual(before);
    });

    it("scales scores into 0..1 on request, keeping the order", async () => {
      const store = await filled();
      for (const similarity of ["dot", "cosine"] as const) {
        const raw = await search(store, query, { similarity, topK: 10 });
        const scaled = await search(store, query, { similarity, topK: 10, scaleScore: true });
        expect(idsOf(scaled)).toEqual(idsOf(raw));
        for (const document of scaled) {
          expect(document.score as number).toBeGreaterThanOrEqual(0);
          expect(document.score as number).toBeLessThanOrEqual(1);
        }
      }
    });

    it("refuses a query embedding of the wrong size and invalid filters with Trama errors", async () => {
      const store = await filled();
      await expect(search(store, [1, 0, 0], { similarity: "dot" })).rejects.toSatisfy(TramaError.isInstance);
      const bad = { field: "group", operator: "==", value: "b" } as const;
      await expect(search(store, query, { similarity: "dot", filters: bad })).rejects.toSatisfy(FilterError.isInstance);
    });

    it("keeps its index consistent through overwrite and delete", async () => {
      const store = await filled();
      await store.write([vector("v7", [-3, 0, 0, 0], "b")], { policy: "overwrite" });
      expect((await search(store, query, { similarity: "dot", topK: 1 }))[0]?.id).toBe("v3");
      await store.delete(["v3", "v1"]);
      expect(idsOf(await search(store, query, { similarity: "dot", topK: 10 }))).toEqual(["v2", "v4", "v5", "v7"]);
      await store.delete(idsOf(corpus));
      expect(await search(store, query, { similarity: "dot" })).toEqual([]);
    });
  });
}
