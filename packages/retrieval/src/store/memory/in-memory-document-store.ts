/**
 * `InMemoryDocumentStore`: documents in a map, BM25 over an inverted index with typed-array postings and dynamic
 * pruning, exact vector search over one contiguous typed array (optionally an approximate index from usearch), saved
 * to and loaded from one JSON file atomically.
 * @module
 */
import { Document } from "@trama/core";
import { createAnalyzer } from "../../analysis/analyzer.js";
import type {
  DocumentStore,
  DuplicatePolicy,
  FilterOptions,
  KeywordSearchOptions,
  Similarity,
  VectorSearchOptions,
  WriteResult,
} from "../document-store.js";
import { DocumentStoreError, DuplicateDocumentError } from "../errors.js";
import type { Filter } from "../filters.js";
import { compareCodePoints, compileFilter } from "../match-filter.js";
import { Bm25Index } from "./bm25-index.js";
import { searchExhaustive, searchPruned } from "./bm25-search.js";
import {
  checkStoreOptions,
  type InMemoryDocumentStoreOptions,
  type InMemoryStoreConfig,
} from "./memory-store-options.js";
import { readStoreFile, writeStoreFile } from "./store-file.js";
import { VectorIndex } from "./vector-index.js";

/** Keyword search options of the in-memory store, beyond the contract's: for tests and benchmarks. */
export interface InMemoryKeywordSearchOptions extends KeywordSearchOptions {
  /** Score every posting instead of pruning: the same documents and scores, slower. */
  exhaustive?: boolean;
  /** Filled with the postings the query's terms have and how many were scored. */
  statistics?: { postings: number; scored: number };
  /** Below this many postings in all, every posting is scored (faster than pruning for short lists). Default 16,384. */
  pruneFrom?: number;
}

/**
 * A document store in process memory: BM25 (Okapi, BM25L, BM25+) with block-max MaxScore pruning that returns exactly
 * the exhaustive top k, exact dot/cosine search over typed arrays (float32 or int8), optional approximate search
 * through usearch, and whole-store save and load. Nothing reaches the disk until `save()`.
 *
 * Embeddings come back as float32 values (int8 storage: dequantized, within 1/254 of each row's largest value).
 * Metadata is kept as a JSON copy, so changing an object after writing it does not change the store.
 */
export class InMemoryDocumentStore implements DocumentStore {
  readonly specificationVersion = "v1";
  readonly kind = "memory";
  readonly options: Readonly<InMemoryDocumentStoreOptions>;
  readonly #documents = new Map<string, Document>();
  readonly #keyword: Bm25Index;
  readonly #vectors: VectorIndex;
  #sortedIds: string[] | undefined;

  constructor(options: InMemoryDocumentStoreOptions = {}) {
    checkStoreOptions(options);
    this.options = { ...options };
    this.#keyword = new Bm25Index(createAnalyzer(options.analyzer), options.bm25);
    this.#vectors = new VectorIndex({
      storage: options.vectorStorage,
      ...(options.approximate ? { approximate: options.approximate } : {}),
      similarity: options.similarity ?? "cosine",
    });
  }

  /** Loads a store saved by `save()`; its saved options apply, overridden by `options`. */
  static async load(path: string, options: InMemoryDocumentStoreOptions = {}): Promise<InMemoryDocumentStore> {
    const saved = await readStoreFile<InMemoryDocumentStoreOptions>(path);
    const store = new InMemoryDocumentStore({ ...saved.options, ...options, path });
    store.#insert(saved.documents);
    return store;
  }

  /**
   * Writes every document to `path` (default: the store's `path`) through a temporary file and a rename, so a crash
   * leaves the previous file whole.
   */
  async save(path = this.options.path): Promise<void> {
    if (!path) {
      throw new DocumentStoreError(
        "The memory store has no file to save to: pass one to save(path) or as the 'path' option.",
      );
    }
    const { path: _path, ...options } = this.options;
    const documents = (function* (store: InMemoryDocumentStore) {
      for (const document of store.#documents.values()) yield store.#withEmbedding(document);
    })(this);
    await writeStoreFile(path, { options, documents });
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
    this.#sortedIds ??= [...this.#documents.keys()].sort(compareCodePoints);
    const offset = options.offset ?? 0;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const found: Document[] = [];
    let skipped = 0;
    for (const id of this.#sortedIds) {
      if (found.length >= limit) break;
      const document = this.#documents.get(id) as Document;
      if (!matches(document)) continue;
      if (skipped++ < offset) continue;
      found.push(this.#withEmbedding(document));
    }
    return found;
  }

  async write(documents: readonly Document[], options: { policy?: DuplicatePolicy } = {}): Promise<WriteResult> {
    const policy = options.policy ?? "fail";
    const accepted = new Map<string, Document>();
    const stored = new Set<string>();
    const repeated = new Set<string>();
    let skipped = 0;
    // Everything is checked before anything changes, so a failed write leaves the store as it was.
    for (const document of documents) {
      const known = this.#documents.has(document.id) || accepted.has(document.id);
      if (known && policy === "fail") (this.#documents.has(document.id) ? stored : repeated).add(document.id);
      if (known && policy === "skip") {
        skipped++;
        continue;
      }
      if (document.embedding) this.#vectors.checkDimension(document.embedding, `document '${document.id}'`);
      accepted.delete(document.id); // overwrite keeps the last of repeated ids
      accepted.set(document.id, copyOf(document));
    }
    if (stored.size > 0 || repeated.size > 0)
      throw DuplicateDocumentError.refusing("The memory store", [...stored], repeated);
    this.#insert(accepted.values());
    return { written: documents.length - skipped, skipped };
  }

  async delete(ids: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const id of new Set(ids)) {
      const document = this.#documents.get(id);
      if (!document) continue;
      this.#keyword.remove(id, document.content);
      this.#vectors.remove(id);
      this.#documents.delete(id);
      deleted++;
    }
    if (deleted > 0) this.#sortedIds = undefined;
    return deleted;
  }

  /**
   * BM25 top k with dynamic pruning. `exhaustive: true` scores every posting instead: the same documents and scores,
   * slower; the reference the pruning is tested against.
   */
  async keywordSearch(query: string, options: InMemoryKeywordSearchOptions = {}): Promise<Document[]> {
    const accept = this.#acceptor(options.filters, (slot) => this.#keyword.idAt(slot));
    const request = {
      query,
      topK: options.topK ?? 10,
      ...(accept ? { accept } : {}),
      ...(options.statistics ? { statistics: options.statistics } : {}),
      ...(options.pruneFrom === undefined ? {} : { pruneFrom: options.pruneFrom }),
    };
    const hits = options.exhaustive ? searchExhaustive(this.#keyword, request) : searchPruned(this.#keyword, request);
    return hits.map(({ slot, score }) =>
      this.#scored(this.#keyword.idAt(slot), options.scaleScore ? 1 / (1 + Math.exp(-score / 8)) : score),
    );
  }

  /** Exact similarity search (approximate when the store was built with `approximate` and no filter is given). */
  async vectorSearch(embedding: ArrayLike<number>, options: VectorSearchOptions = {}): Promise<Document[]> {
    const similarity = options.similarity ?? this.options.similarity ?? "cosine";
    const accept = this.#acceptor(options.filters, (slot) => this.#vectors.idAt(slot));
    const hits = this.#vectors.search({
      query: embedding,
      topK: options.topK ?? 10,
      similarity,
      approximate: true,
      ...(accept ? { accept } : {}),
    });
    return hits.map(({ slot, score }) =>
      this.#scored(this.#vectors.idAt(slot), options.scaleScore ? scaleVector(score, similarity) : score),
    );
  }

  /** `{ kind: "memory", …options }`: with a `path`, a pipeline file reloads the documents saved there. */
  toConfig(): InMemoryStoreConfig {
    return { kind: "memory", ...structuredClone(this.options) };
  }

  /** Releases the approximate index, if any. The documents stay readable. */
  async close(): Promise<void> {
    this.#vectors.close();
  }

  #acceptor(filters: Filter | undefined, idAt: (slot: number) => string): ((slot: number) => boolean) | undefined {
    if (filters === undefined) return undefined;
    const matches = compileFilter(filters, { store: this.kind });
    return (slot) => matches(this.#documents.get(idAt(slot)) as Document);
  }

  #insert(documents: Iterable<Document>): void {
    for (const document of documents) {
      const previous = this.#documents.get(document.id);
      if (previous) {
        this.#keyword.remove(previous.id, previous.content);
        this.#vectors.remove(previous.id);
      }
      const { id, content, meta, embedding } = document;
      // Embeddings live only in the vector index; the map keeps the rest.
      this.#documents.set(id, new Document({ id, ...(content === undefined ? {} : { content }), meta: { ...meta } }));
      if (content !== undefined) this.#keyword.add(id, content);
      if (embedding) this.#vectors.add(id, embedding);
    }
    this.#vectors.flush();
    this.#sortedIds = undefined;
  }

  #withEmbedding(document: Document): Document {
    const embedding = this.#vectors.get(document.id);
    return embedding ? new Document({ ...document.toJSON(), embedding }) : document;
  }

  #scored(id: string, score: number): Document {
    const { content, meta } = this.#documents.get(id) as Document;
    // Documents are immutable: the hit shares the stored metadata rather than copying it for every search.
    return new Document({ id, content, meta, embedding: this.#vectors.get(id), score });
  }
}

/** The document with its metadata copied through JSON: what every store keeps, detached from the caller's objects. */
function copyOf(document: Document): Document {
  if (Object.keys(document.meta).length === 0) return document;
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(JSON.stringify(document.meta)) as Record<string, unknown>;
  } catch (error) {
    throw new DocumentStoreError(
      `The metadata of document '${document.id}' cannot be stored as JSON: ${String(error)}. Keep meta to plain data.`,
      { cause: error },
    );
  }
  return new Document({ ...document.toJSON(), meta });
}

function scaleVector(score: number, similarity: Similarity): number {
  return similarity === "cosine" ? (score + 1) / 2 : 1 / (1 + Math.exp(-score / 100));
}
