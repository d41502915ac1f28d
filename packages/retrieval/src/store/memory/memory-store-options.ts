/**
 * The in-memory store's options: plain data (saved in its file and in pipeline files), checked when the store is
 * built so that a typo fails at once, naming the option, rather than at the first search.
 * @module
 */
import type { AnalyzerConfig } from "../../analysis/analyzer.js";
import type { Similarity, StoreConfig } from "../document-store.js";
import { DocumentStoreError } from "../errors.js";
import type { Bm25Parameters } from "./bm25-scoring.js";

/** How embeddings are kept: `float32` (exact), or `int8` (a quarter of the memory, scores within about 1%). */
export type VectorStorage = "float32" | "int8";

/**
 * Approximate nearest-neighbour search through usearch's HNSW index (the optional peer dependency `usearch`), for
 * collections where an exact scan is too slow. Searches with filters, or with the other similarity than the store's,
 * stay exact.
 */
export interface ApproximateSearchOptions {
  library: "usearch";
  /** HNSW edges per node (usearch's `connectivity`). Default 16. */
  connectivity?: number;
  /** Candidates considered while adding (usearch's `expansion_add`). Default 128. */
  expansionAdd?: number;
  /** Candidates considered while searching (usearch's `expansion_search`): higher is slower and more exact. Default 64. */
  expansionSearch?: number;
}

/** How an in-memory store is built. */
export interface InMemoryDocumentStoreOptions {
  /** Tokens for keyword search: `standard` (default), `english`, `italian`, or analyzer options. */
  analyzer?: AnalyzerConfig;
  /** BM25 variant and parameters. Default Okapi, `k1` 1.2, `b` 0.75. */
  bm25?: Bm25Parameters;
  /** Default similarity of vector search. Default `cosine`. */
  similarity?: Similarity;
  /** Default `float32`. */
  vectorStorage?: VectorStorage;
  /** Off by default: every vector search is exact. */
  approximate?: ApproximateSearchOptions;
  /** The file `save()` writes and `toConfig()` names, so a saved pipeline reloads the same documents. */
  path?: string;
}

/** What rebuilds a store: its options with `kind: "memory"`. */
export type InMemoryStoreConfig = StoreConfig & InMemoryDocumentStoreOptions & { kind: "memory" };

const known: Record<keyof InMemoryDocumentStoreOptions, true> = {
  analyzer: true,
  bm25: true,
  similarity: true,
  vectorStorage: true,
  approximate: true,
  path: true,
};

/** Throws a `DocumentStoreError` naming the first option that is wrong. */
export function checkStoreOptions(options: InMemoryDocumentStoreOptions): void {
  const fail = (option: string, message: string): never => {
    throw new DocumentStoreError(`The memory store's option '${option}' ${message}`);
  };
  for (const key of Object.keys(options)) {
    if (!(key in known)) fail(key, `is unknown. Options: ${Object.keys(known).join(", ")}.`);
  }
  const { bm25 = {}, similarity, vectorStorage, approximate, path } = options;
  if (bm25.variant !== undefined && !["okapi", "bm25l", "bm25+"].includes(bm25.variant)) {
    fail("bm25.variant", `is '${bm25.variant}': use okapi, bm25l or bm25+.`);
  }
  for (const [name, value] of Object.entries({ k1: bm25.k1, delta: bm25.delta })) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) fail(`bm25.${name}`, "must be a number ≥ 0.");
  }
  if (bm25.b !== undefined && !(bm25.b >= 0 && bm25.b <= 1)) fail("bm25.b", "must be between 0 and 1.");
  if (similarity !== undefined && similarity !== "cosine" && similarity !== "dot") {
    fail("similarity", `is '${String(similarity)}': use cosine or dot.`);
  }
  if (vectorStorage !== undefined && vectorStorage !== "float32" && vectorStorage !== "int8") {
    fail("vectorStorage", `is '${String(vectorStorage)}': use float32 or int8.`);
  }
  if (approximate !== undefined && approximate.library !== "usearch") {
    fail("approximate.library", `is '${String(approximate.library)}': the supported library is usearch.`);
  }
  if (path !== undefined && (typeof path !== "string" || path === "")) fail("path", "must be a file path.");
}
