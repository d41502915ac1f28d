/**
 * Conformance: keyword (BM25) search. Every keyword store ranks clearly better matches first, applies filters and
 * topK, scores every hit and keeps its index consistent through overwrite and delete; stores that declare
 * `exactBm25` also reproduce the reference scores.
 * @module
 */
import { Document } from "@trama/core";
import { describe, expect, it } from "vitest";
import type { DocumentStore } from "../store/document-store.js";
import { FilterError } from "../store/errors.js";
import { referenceBm25, simpleTokens } from "./reference-bm25.js";
import type { StoreConformanceOptions } from "./store-conformance.js";
import { freshStorePerTest, idsOf } from "./store-harness.js";

const corpus = [
  new Document({ id: "k1", content: "alpha beta gamma", meta: { lang: "en" } }),
  new Document({ id: "k2", content: "Alpha alpha ALPHA delta", meta: { lang: "en" } }),
  new Document({ id: "k3", content: "delta epsilon zeta eta theta iota kappa lambda alpha", meta: { lang: "en" } }),
  new Document({ id: "k4", content: "omega omega omega omega", meta: { lang: "en" } }),
  new Document({ id: "k5", content: "beta gamma", meta: { lang: "it", città: "Napoli" } }),
  new Document({ id: "k6", meta: { lang: "en" } }),
  new Document({ id: "k7", content: "gamma delta", meta: { lang: "en" } }),
];

function search(
  store: DocumentStore,
  query: string,
  options?: Parameters<NonNullable<DocumentStore["keywordSearch"]>>[1],
) {
  if (!store.keywordSearch) throw new Error(`${store.kind} declares keyword search but has no keywordSearch method`);
  return store.keywordSearch(query, options);
}

function expectScoredDescending(found: readonly Document[]): void {
  for (const [index, document] of found.entries()) {
    expect(typeof document.score, `score of ${document.id}`).toBe("number");
    expect(document.score as number).toBeGreaterThan(0);
    if (index > 0) expect(document.score as number).toBeLessThanOrEqual(found[index - 1]?.score as number);
  }
}

/** Registers the keyword search tests. */
export function describeKeywordConformance(name: string, options: StoreConformanceOptions): void {
  describe(`${name} conforms to the document store contract: keyword search`, () => {
    const store = freshStorePerTest(options);
    const filled = async () => {
      await store().write(corpus);
      return store();
    };

    it("ranks more occurrences in a shorter document first, scores every hit and leaves out non-matches", async () => {
      const found = await search(await filled(), "alpha");
      expect(idsOf(found)).toEqual(["k2", "k1", "k3"]);
      expectScoredDescending(found);
    });

    it("ranks a document holding every query term above those holding one, case-insensitively", async () => {
      const found = await search(await filled(), "GAMMA Delta");
      expect(found[0]?.id).toBe("k7");
      expect([...idsOf(found)].sort()).toEqual(["k1", "k2", "k3", "k5", "k7"]);
      expectScoredDescending(found);
    });

    it("applies topK and metadata filters, and returns whole documents", async () => {
      const store = await filled();
      expect(idsOf(await search(store, "alpha", { topK: 2 }))).toEqual(["k2", "k1"]);
      const italian = await search(store, "beta", { filters: { field: "meta.lang", operator: "==", value: "it" } });
      expect(idsOf(italian)).toEqual(["k5"]);
      expect(italian[0]?.meta).toEqual({ lang: "it", città: "Napoli" });
      expect(italian[0]?.content).toBe("beta gamma");
      expect(await search(store, "alpha", { filters: { field: "meta.lang", operator: "==", value: "it" } })).toEqual(
        [],
      );
    });

    it("filters before taking the top k: the best of the matching documents, not the matching ones of the best", async () => {
      const store = await filled();
      const notTheBest = { field: "id", operator: "!=", value: "k2" } as const;
      expect(idsOf(await search(store, "alpha", { topK: 1, filters: notTheBest }))).toEqual(["k1"]);
    });

    it("returns nothing for an empty query or unknown words", async () => {
      const store = await filled();
      expect(await search(store, "")).toEqual([]);
      expect(await search(store, "unknownword")).toEqual([]);
    });

    it("scales scores into 0..1 on request, keeping the order", async () => {
      const store = await filled();
      const raw = await search(store, "alpha beta");
      const scaled = await search(store, "alpha beta", { scaleScore: true });
      expect(idsOf(scaled)).toEqual(idsOf(raw));
      for (const document of scaled) {
        expect(document.score as number).toBeGreaterThan(0);
        expect(document.score as number).toBeLessThan(1);
      }
    });

    it("rejects invalid filters with an FilterError", async () => {
      const bad = { field: "lang", operator: "==", value: "it" } as const;
      await expect(search(await filled(), "alpha", { filters: bad })).rejects.toSatisfy(FilterError.isInstance);
    });

    it("keeps its index consistent through overwrite and delete", async () => {
      const store = await filled();
      await store.write([new Document({ id: "k4", content: "alpha only now" })], { policy: "overwrite" });
      expect(await search(store, "omega")).toEqual([]);
      expect(idsOf(await search(store, "alpha"))).toContain("k4");
      await store.delete(["k2", "k4"]);
      expect(idsOf(await search(store, "alpha"))).toEqual(["k1", "k3"]);
      await store.delete(idsOf(corpus));
      expect(await search(store, "alpha")).toEqual([]);
    });

    if (options.capabilities?.exactBm25) {
      it("reproduces Okapi BM25 scores exactly (k1 1.2, b 0.75, Lucene IDF)", async () => {
        const store = await filled();
        for (const query of ["alpha", "gamma delta", "beta omega kappa", "alpha alpha"]) {
          const expected = referenceBm25({
            documents: corpus.map((document) =>
              document.content === undefined ? undefined : simpleTokens(document.content),
            ),
            query: simpleTokens(query),
          });
          const found = await search(store, query);
          const scores = new Map(found.map((document) => [document.id, document.score]));
          corpus.forEach((document, index) => {
            const score = expected[index] as number;
            if (score > 0) expect(scores.get(document.id), `${query}: ${document.id}`).toBeCloseTo(score, 9);
            else expect(scores.has(document.id), `${query}: ${document.id}`).toBe(false);
          });
        }
      });
    }
  });
}
