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

export interface FilterOptions {
  /** At most this many documents, in id order. */
  limit?: number;
  offset?: number;
}

/** Options of a keyword (BM25) search. */
export interface KeywordSearchOptions {
  topK?: number;
  filters?: Filter;
  /** Map scores into 0..1 (a logistic curve), so they compare across queries. Default false: raw BM25 scores. */
  scaleScore?: boolean;
}

/** How vectors are compared. */
export type Similarity = "cosine" | "dot";

/** Options of a vector (embedding) search. */
export interface VectorSearchOptions {
  topK?: number;
  filters?: Filter;
  /** Default: the store's configured similarity. */
  similarity?: Similarity;
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
  /** The documents that match `filters` (all when omitted), in id order. */
  filter(filters?: Filter, options?: FilterOptions): Promise<Document[]>;
  /** Writes documents atomically: after a failure nothing of this call is stored and the old data is intact. */
  write(documents: readonly Document[], options?: { policy?: DuplicatePolicy }): Promise<WriteResult>;
  /** Deletes by id; unknown ids are ignored. Resolves to how many were deleted. */
  delete(ids: readonly string[]): Promise<number>;
  /** Documents ranked by BM25 for `query`, best first, each with its `score`. */
  keywordSearch?(query: string, options?: KeywordSearchOptions): Promise<Document[]>;
  /** Documents ranked by similarity to `embedding`, best first, each with its `score`. */
  vectorSearch?(embedding: ArrayLike<number>, options?: VectorSearchOptions): Promise<Document[]>;
  /** What rebuilds this store: saved in pipeline files in place of the live object. */
  toConfig(): StoreConfig;
  /** Releases files, connections and native indexes. */
  close?(): Promise<void>;
}
