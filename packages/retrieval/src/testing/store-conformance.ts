/**
 * The shared conformance suite of the document store contract. Every store runs it from its own test file:
 *
 * ```ts
 * import { describeDocumentStore } from "@trama/retrieval/testing";
 * describeDocumentStore("SqliteDocumentStore", {
 *   create: async () => openSqliteStore({ path: ":memory:" }),
 *   capabilities: { keyword: true, vector: true },
 * });
 * ```
 *
 * It registers Vitest `describe`/`it` blocks: writes, counts, filters and deletes; each duplicate policy (a failed
 * write leaves the store exactly as before); every filter operator, with the answers of `matchesFilter`, the reference
 * evaluator; invalid filters refused with a `FilterError` naming the bad part; keyword and vector search when the store
 * declares them; exact round trips of content and metadata (embeddings at float32 precision).
 * @module
 */
import type { DocumentStore } from "../store/document-store.js";
import { describeFilterConformance } from "./conformance-filters.js";
import { describeKeywordConformance } from "./conformance-keyword.js";
import { describeVectorConformance } from "./conformance-vector.js";
import { describeWriteConformance } from "./conformance-write.js";

/** What a store supports beyond writing, counting, filtering and deleting. */
export interface StoreCapabilities {
  /** The store implements `keywordSearch`. */
  keyword?: boolean;
  /** The store implements `vectorSearch`, with both `dot` and `cosine` similarity. */
  vector?: boolean;
  /**
   * With its default options, the store's keyword scores are Okapi BM25 with `k1 = 1.2`, `b = 0.75` and Lucene's idf
   * `ln(1 + (N − df + 0.5) / (df + 0.5))`, over lower-cased runs of letters and digits (`referenceBm25`). Stores that
   * rank with another formula (SQLite FTS5's idf, Postgres' `ts_rank`) leave it off and are checked on order only.
   */
  exactBm25?: boolean;
}

/** How the suite builds the store under test. */
export interface StoreConformanceOptions {
  /** A new, empty store. Called before every test (or once for a group that only reads); closed after it. */
  create(): Promise<DocumentStore>;
  capabilities?: StoreCapabilities;
}

/** Registers the whole conformance suite for one store: one `describe` per part of the contract, named after `name`. */
export function describeDocumentStore(name: string, options: StoreConformanceOptions): void {
  describeWriteConformance(name, options);
  describeFilterConformance(name, options);
  if (options.capabilities?.keyword) describeKeywordConformance(name, options);
  if (options.capabilities?.vector) describeVectorConformance(name, options);
}
