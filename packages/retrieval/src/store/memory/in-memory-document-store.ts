/**
 * `InMemoryDocumentStore`: documents in a map, BM25 over an inverted index with typed-array postings and dynamic
 * pruning, exact vector search over one contiguous typed array (optionally an approximate index from usearch), saved
 * to and loaded from one JSON file atomically.
 * @module
 */
import { Document } from "@trama/core";
import { type AnalyzerConfig, createAnalyzer } from "../../analysis/analyzer.js";
import type {
  DocumentStore,
  DuplicatePolicy,
  FilterOptions,
  KeywordSearchOptions,
  Similarity,
  StoreConfig,
  VectorSearchOptions,
  WriteResult,
} from "../document-store.js";
import { DocumentStoreError, DuplicateDocumentError } from "../errors.js";
import type { Filter } from "../filters.js";
import { compileFilter } from "../match-filter.js";
import { Bm25Index } from "./bm25-index.js";
import type { Bm25Parameters } from "./bm25-scoring.js";
import { searchExhaustive, searchPruned } from "./bm25-search.js";
import { readStoreFile, writeStoreFile } from "./store-file.js";
import { VectorIndex, type VectorStorage } from "./vector-index.js";

/** How an in-memory store is built; plain data, saved with the store and in pipeline files. */
export interface InMemoryDocumentStoreOptions {
  /** Tokens for keyword search. Default `standard` (lower-cased letters and digits). */
  analyzer?: AnalyzerConfig;
  /** BM25 variant and parameters. Default Okapi, k1 1.2, b 0.75. */
  bm25?: Bm25Parameters;
  /** Default similarity of vector search. Default `cosine`. */
  similarity?: Similarity;
  /** `float32` (default, exact) or `int8` (a quarter of the memory). */
  vectorStorage?: VectorStorage;
  /** The file `save()` writes and `toConfig()` names, so a saved pipeline reloads the same documents. */
  path?: string;
}

/** The options that rebuild a store, as saved in its file and in pipeline files. */
export type InMemoryStoreConfig = StoreConfig & InMemoryDocumentStoreOptions & { kind: "memory" };

/**
 * A document store in process memory: fast BM25 (Okapi, BM25L, BM25+) with MaxScore pruning that returns exactly the
 * exhaustive top-k, exact dot/cosine search, and whole-store save and load. Nothing is persisted until `save()`.
 */
export class InMemoryDocumentStore implements DocumentStore {
  readonly specificationVersion = "v1";
  readonly kind = "memory";
  readonly options: InMemoryDocumentStoreOptions;
  readonly #documents = new Map<string, Document>();
  readonly #keyword: Bm25Index;
  readonly #vectors: VectorIndex;
  #sortedIds: string[] | undefined;

  constructor(options: InMemoryDocumentStoreOptions = {}) {
    this.options = { ...options };
    this.#keyword = new Bm25Index(createAnalyzer(options.analyzer), options.bm25);
    this.#vectors = new VectorIndex(options.vectorStorage);
  }

  /** Loads a store saved by `save()`; the file's options apply, overridden by `options`. */
  static async load(path: string, options: InMemoryDocumentStoreOptions = {}): Promise<InMemoryDocumentStore> {
    const saved = await readStoreFile<InMemoryDocumentStoreOptions>(path);
    const store = new InMemoryDocumentStore({ ...saved.options, ...options, path });
    store.#insert(saved.documents);
    return store;
  }

  /** Writes every document to `path` (default: the store's `path`) through a temporary file and a rename. */
  async save(path = this.options.path): Promise<void> {
    if (!path)
      throw new DocumentStoreError(
        "The memory store has no path to save to: pass one to save(path) or to the constructor.",
      );
    const { path: _ignored, ...options } = this.options;
    await writeStoreFile(path, {
      options,
      documents: [...this.#documents.values()].map((document) => this.#full(document)),
    });
  }

  async count(filters?: Filter): Promise<number> {
    if (filters === undefined) return this.#documents.size;
    const matches = compileFilter(filters, { store: this.kind });
    let count = 0;
    for (const document of this.#documents.values()) if (matches(document)) count++;
    return count;
  }

  async filter(filters?: Filter, options: FilterOptions = {}): Promise<Document[]> {
    const matches = compileFilter(filters, { store: this.kind });
    this.#sortedIds ??= [...this.#documents.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const offset = options.offset ?? 0;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const found: Document[] = [];
    let skipped = 0;
    for (const id of this.#sortedIds) {
      if (found.length >= limit) break;
      const document = this.#documents.get(id) as Document;
      if (!matches(document)) continue;
      if (skipped++ < offset) continue;
      found.push(this.#full(document));
    }
    return found;
  }

  async write(documents: readonly Document[], options: { policy?: DuplicatePolicy } = {}): Promise<WriteResult> {
    const policy = options.policy ?? "fail";
    const accepted = new Map<string, Document>();
    const duplicates = new Set<string>();
    let skipped = 0;
    for (const document of documents) {
      const known = this.#documents.has(document.id) || accepted.has(document.id);
      if (known && policy === "fail") duplicates.add(document.id);
      if (known && policy === "skip") {
        skipped++;
        continue;
      }
      if (document.embedding) this.#vectors.checkDimension(document.embedding, `document '${document.id}'`);
      // Overwrite keeps the last of repeated ids; re-inserting moves it to the end of the batch order.
      accepted.delete(document.id);
      accepted.set(document.id, document);
    }
    if (duplicates.size > 0) {
      const ids = [...duplicates];
      throw new DuplicateDocumentError(
        `The memory store already holds (or was given twice) ${ids.length} id(s): ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}. Nothing was written; write with policy 'overwrite' or 'skip' to replace or keep them.`,
        ids,
      );
    }
    this.#insert(accepted.values());
    return { written: documents.length - skipped, skipped };
  }

  async delete(ids: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const id of new Set(ids)) {
      const document = this.#documents.get(id);
      if (!document) continue;
      this.#unindex(document);
      this.#documents.delete(id);
      deleted++;
    }
    if (deleted > 0) this.#sortedIds = undefined;
    return deleted;
  }

  /**
   * BM25 top-k with dynamic pruning. `exhaustive: true` scores every posting instead (same results, slower): the
   * reference the pruning is tested against.
   */
  async keywordSearch(
    query: string,
    options: KeywordSearchOptions & { exhaustive?: boolean } = {},
  ): Promise<Document[]> {
    const accept = this.#acceptor(options.filters, (slot) => this.#keyword.idAt(slot));
    const request = { query, topK: options.topK ?? 10, ...(accept ? { accept } : {}) };
    const hits = options.exhaustive ? searchExhaustive(this.#keyword, request) : searchPruned(this.#keyword, request);
    return hits.map(({ slot, score }) =>
      this.#scored(this.#keyword.idAt(slot), options.scaleScore ? 1 / (1 + Math.exp(-score / 8)) : score),
    );
  }

  async vectorSearch(embedding: ArrayLike<number>, options: VectorSearchOptions = {}): Promise<Document[]> {
    const similarity = options.similarity ?? this.options.similarity ?? "cosine";
    const accept = this.#acceptor(options.filters, (slot) => this.#vectors.idAt(slot));
    const hits = this.#vectors.search({
      query: embedding,
      topK: options.topK ?? 10,
      similarity,
      ...(accept ? { accept } : {}),
    });
    return hits.map(({ slot, score }) =>
      this.#scored(this.#vectors.idAt(slot), options.scaleScore ? scaleVector(score, similarity) : score),
    );
  }

  toConfig(): InMemoryStoreConfig {
    return { kind: "memory", ...this.options };
  }

  async close(): Promise<void> {}

  #acceptor(filters: Filter | undefined, idAt: (slot: number) => string): ((slot: number) => boolean) | undefined {
    if (filters === undefined) return undefined;
    const matches = compileFilter(filters, { store: this.kind });
    return (slot) => matches(this.#documents.get(idAt(slot)) as Document);
  }

  #insert(documents: Iterable<Document>): void {
    for (const document of documents) {
      const previous = this.#documents.get(document.id);
      if (previous) this.#unindex(previous);
      const { embedding, score: _score, ...rest } = document.toJSON();
      // Embeddings live only in the vector index; the map keeps the rest.
      this.#documents.set(document.id, new Document(rest));
      if (document.content !== undefined) this.#keyword.add(document.id, document.content);
      if (embedding) this.#vectors.add(document.id, embedding);
    }
    this.#sortedIds = undefined;
  }

  #unindex(document: Document): void {
    if (document.content !== undefined) this.#keyword.remove(document.id, document.content);
    this.#vectors.remove(document.id);
  }

  #full(document: Document): Document {
    const embedding = this.#vectors.get(document.id);
    return embedding ? new Document({ ...document.toJSON(), embedding }) : document;
  }

  #scored(id: string, score: number): Document {
    const document = this.#documents.get(id) as Document;
    return new Document({ ...this.#full(document).toJSON(), score });
  }
}

function scaleVector(score: number, similarity: Similarity): number {
  return similarity === "cosine" ? (score + 1) / 2 : 1 / (1 + Math.exp(-score / 100));
}
