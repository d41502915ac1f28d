/**
 * A real `InMemoryDocumentStore` set up as Haystack's scenarios set up theirs: Haystack's token pattern
 * (`(?u)\b\w\w+\b`, lower-cased) and its BM25 parameters (k1 1.5, b 0.75, delta 0.5 for BM25L and 1 for BM25+).
 *
 * One difference stays, and changes some scores: Haystack's BM25L and BM25+ also credit a document for the query terms
 * it lacks (the delta term of a term frequency of 0), and its BM25+ uses Okapi's IDF; Trama's store follows Lv and
 * Zhai's formulas, which score only the terms a document holds, with IDF ln((N + 1)/df) for BM25+.
 */
import type { Document } from "@trama/core";
import { InMemoryDocumentStore } from "@trama/retrieval";

export async function haystackMemoryStore(options: {
  documents: Document[];
  algorithm: "BM25L" | "BM25Plus";
}): Promise<InMemoryDocumentStore> {
  const store = new InMemoryDocumentStore({
    analyzer: { pattern: "[\\p{L}\\p{N}_]+", minLength: 2 },
    bm25:
      options.algorithm === "BM25L"
        ? { variant: "bm25l", k1: 1.5, b: 0.75, delta: 0.5 }
        : { variant: "bm25+", k1: 1.5, b: 0.75, delta: 1 },
  });
  await store.write(options.documents);
  return store;
}
