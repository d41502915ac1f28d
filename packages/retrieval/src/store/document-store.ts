/**
 * The document store contract (version 1): one small interface that the in-memory, SQLite and Postgres stores
 * implement, and one shared conformance suite (`@trama/retrieval/testing`) that each of them passes.
 *
 * Every method is asynchronous, whatever the store, so code written against one store runs against any other.
 * @module
 */
import type { Document } from "@trama/core";
import type { Filter } from "./filters.js";

/** What `write` does with a document whose id is already stored. */
export type DuplicatePolicy = "skip" | "overwrite" | "fail";

/** What a write did. */
export interface WriteResult {
  /** Documents written (new or overwritten). */
  written: number;
  /** Documents left out because their id was already stored (`skip`). */
  skipped: number;
}

/** Paging of `filter` results. */
export interface FilterOptions {
  /** At most this many documents, in id order. */
  limit?: number;
  /** Documents to skip first. Default 0. */
  offset?: number;
}

/** Options of a keyword (BM25) search. */
export interface KeywordSearchOptions {
  /** At most this many documents. Default 10. */
  topK?: number;
  /** Only documents that match; the top k are the best of those (filters apply before ranking, not after). */
  filters?: Filter;
  /** Map scores into 0..1 with `1 / (1 + exp(-score / 8))`, so they compare across queries. Default false: raw BM25 scores. */
  scaleScore?: boolean;
}

/** How vectors are compared. */
export type Similarity = "cosine" | "dot";

/** Options of a vector (embedding) search. */
export interface VectorSearchOptions {
  /** At most this many documents. Default 10. */
  topK?: number;
  /** Only documents that match; the top k are the best of those. */
  filters?: Filter;
  /** Default: the store's configured similarity. */
  similarity?: Similarity;
  /** Map scores into 0..1: `(score + 1) / 2` for cosine, `1 / (1 + exp(-score / 100))` for dot. Default false. */
  scaleScore?: boolean;
}

/**
 * How a store is saved in a pipeline file: its kind and how to reach it, never a secret's value. `memory` with a
 * `path` reloads the saved file, `sqlite` names its database file, `postgres` names the environment variable that
 * holds the connection string.
 */
export interface StoreConfig {
  kind: string;
  [option: string]: unknown;
}

/**
 * A collection of documents that can be written, counted, filtered and deleted. Stores that support search implement
 * `keywordSearch` and/or `vectorSearch`; retrievers check for them when they are built and say which store lacks what.
 */
export interface DocumentStore {
  readonly specificationVersion: "v1";
  /** `memory`, `sqlite`, `postgres`, …: the kind in the store's shorthand and saved configuration. */
  readonly kind: string;
  count(filters?: Filter): Promise<number>;
  /**
   * The documents that match `filters` (all when omitted), in id order (by code point), without `score`. Invalid
   * filters are refused with a `FilterError` (see `validateFilter`), here and in `count` and the searches.
   */
  filter(filters?: Filter, options?: FilterOptions): Promise<Document[]>;
  /**
   * Writes documents atomically: after a failure nothing of this call is stored and the old data is intact. The policy
   * (default `fail`) also applies to an id repeated within `documents`: `skip` keeps the first, `overwrite` the last.
   * Metadata is stored as JSON (what `JSON.stringify` keeps); embeddings at least at float32 precision, all of one
   * dimension per store.
   */
  write(documents: readonly Document[], options?: { policy?: DuplicatePolicy }): Promise<WriteResult>;
  /** Deletes by id; unknown ids are ignored. Resolves to how many were deleted. */
  delete(ids: readonly string[]): Promise<number>;
  /** Documents ranked by BM25 for `query`, best first, each with its `score`; none for a query without known terms. */
  keywordSearch?(query: string, options?: KeywordSearchOptions): Promise<Document[]>;
  /**
   * Documents ranked by similarity to `embedding`, best first, each with its `score`. Documents without an embedding
   * are left out; a query of the wrong dimension is refused with a `DocumentStoreError`.
   */
  vectorSearch?(embedding: ArrayLike<number>, options?: VectorSearchOptions): Promise<Document[]>;
  /** What rebuilds this store: saved in pipeline files in place of the live object. */
  toConfig(): StoreConfig;
  /** Releases files, connections and native indexes. */
  close?(): Promise<void>;
}
