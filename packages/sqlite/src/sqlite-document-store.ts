/**
 * `SqliteDocumentStore`: the embedded, persistent document store. One file, no server: WAL journaling (readers never
 * wait for the writer), FTS5 BM25 keyword search, sqlite-vec vector search, metadata filters compiled to SQL.
 * @module
 */
import { type Document, TramaError } from "@trama/core";
import type {
  DocumentStore,
  DuplicatePolicy,
  Filter,
  FilterOptions,
  KeywordSearchOptions,
  Similarity,
  StoreConfig,
  VectorSearchOptions,
  WriteResult,
} from "@trama/retrieval";
import { DocumentStoreError } from "@trama/retrieval";
import type Database from "better-sqlite3";
import { compileSqliteFilter } from "./sqlite-filter.js";
import { type DocumentRow, documentColumns, rowToDocument, writeDocuments } from "./sqlite-rows.js";
import { openDatabase, readSetting, statementError } from "./sqlite-schema.js";
import { encodeVector, loadSqliteVec, scaleScore, similarityExpression } from "./sqlite-vectors.js";

/**
 * Full-text analyzers, as FTS5 tokenizers. All fold case and accents (`remove_diacritics 2`). `english` adds the
 * Porter stemmer. FTS5 has no Italian stemmer: `italian` folds accents and splits elisions at the apostrophe
 * (`dell'anno` → `dell`, `anno`) without stemming, so `gatto` does not find `gatti`.
 */
export const sqliteTokenizers = {
  simple: "unicode61 remove_diacritics 2",
  english: "porter unicode61 remove_diacritics 2",
  italian: "unicode61 remove_diacritics 2",
} as const;

/** How to open a `SqliteDocumentStore`. Everything but `path` is optional. */
export interface SqliteDocumentStoreOptions {
  /** The database file, created when missing (its folder must exist). `:memory:` keeps the store in this process only. */
  path: string;
  /** The full-text analyzer of a new file (default `simple`). An existing file keeps the one it was created with. */
  language?: keyof typeof sqliteTokenizers;
  /** A raw FTS5 tokenizer specification, instead of `language` (e.g. `trigram`). */
  tokenizer?: string;
  /** Vector search's default similarity (default `cosine`). */
  similarity?: Similarity;
  /** Open without writing: several processes may read while one writes. */
  readonly?: boolean;
  /**
   * `NORMAL` (default) survives a killed process without losing a committed write; `FULL` also survives power loss,
   * at the cost of a disk flush per write.
   */
  synchronous?: "NORMAL" | "FULL";
}

/** A document store in one SQLite file. Writes are transactions; every method is safe to call while others read. */
export class SqliteDocumentStore implements DocumentStore {
  readonly specificationVersion = "v1";
  readonly kind = "sqlite";
  readonly path: string;
  /** The FTS5 tokenizer the file's full-text index uses. */
  readonly tokenizer: string;
  readonly #options: SqliteDocumentStoreOptions;
  readonly #database: Database.Database;
  #vectorsLoaded = false;

  /** Opens or creates the store file; throws a `DocumentStoreError` naming the file when it cannot. */
  constructor(options: SqliteDocumentStoreOptions) {
    if (typeof options?.path !== "string" || options.path === "") {
      throw new DocumentStoreError("SQLite store: 'path' is missing. Give the database file, such as ./trama.db.");
    }
    const requested = options.tokenizer ?? (options.language ? sqliteTokenizers[options.language] : undefined);
    if (options.language && !(options.language in sqliteTokenizers)) {
      throw new DocumentStoreError(
        `SQLite store ${options.path}: unknown language '${options.language}'. Use ${Object.keys(sqliteTokenizers).join(", ")}, or a raw FTS5 'tokenizer'.`,
      );
    }
    this.path = options.path;
    this.#options = options;
    const opened = openDatabase({
      path: options.path,
      tokenizer: requested ?? sqliteTokenizers.simple,
      readonly: options.readonly ?? false,
      synchronous: options.synchronous ?? "NORMAL",
    });
    this.#database = opened.database;
    this.tokenizer = opened.tokenizer;
    if (requested !== undefined && requested !== opened.tokenizer) {
      this.#database.close();
      throw new DocumentStoreError(
        `SQLite store ${options.path}: the file's full-text index uses the tokenizer '${opened.tokenizer}', not '${requested}'. Open it without 'language'/'tokenizer', or index into a new file to change the analyzer.`,
      );
    }
  }

  async count(filters?: Filter): Promise<number> {
    const where = compileSqliteFilter(filters);
    const row = this.#run("count", () =>
      this.#database.prepare(`SELECT count(*) AS count FROM documents d WHERE ${where.sql}`).get(...where.params),
    ) as { count: number };
    return row.count;
  }

  async filter(filters?: Filter, options: FilterOptions = {}): Promise<Document[]> {
    const where = compileSqliteFilter(filters);
    const rows = this.#run("filter", () =>
      this.#database
        .prepare(
          `SELECT ${documentColumns} FROM documents d LEFT JOIN embeddings e ON e.rowid = d.rowid WHERE ${where.sql} ORDER BY d.id LIMIT ? OFFSET ?`,
        )
        .all(...where.params, options.limit ?? -1, options.offset ?? 0),
    ) as DocumentRow[];
    return rows.map((row) => rowToDocument(row, this.path));
  }

  async write(documents: readonly Document[], options: { policy?: DuplicatePolicy } = {}): Promise<WriteResult> {
    if (documents.length === 0) return { written: 0, skipped: 0 };
    const policy = options.policy ?? "fail";
    return this.#run("write", () => writeDocuments({ database: this.#database, path: this.path, documents, policy }));
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = this.#run("delete", () =>
      this.#database
        .prepare("DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))")
        .run(JSON.stringify([...new Set(ids)])),
    );
    return result.changes;
  }

  /**
   * Documents ranked by FTS5's `bm25()` (k1 1.2, b 0.75; its idf is `ln((N − n + 0.5) / (n + 0.5))`, floored near
   * zero, so words in half the documents or more weigh almost nothing). The query's words are matched with OR, each
   * quoted, so no FTS5 syntax in user text is interpreted.
   */
  async keywordSearch(query: string, options: KeywordSearchOptions = {}): Promise<Document[]> {
    const where = compileSqliteFilter(options.filters);
    const terms = [...new Set(query.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])];
    if (terms.length === 0) return [];
    const match = terms.map((term) => `"${term}"`).join(" OR ");
    const filtered = options.filters !== undefined;
    const rows = this.#ranked(
      "keyword search",
      `SELECT documents_fts.rowid AS rowid, -bm25(documents_fts) AS score FROM documents_fts ${filtered ? "JOIN documents d ON d.rowid = documents_fts.rowid " : ""}WHERE documents_fts MATCH ? AND ${where.sql} ORDER BY score DESC, documents_fts.rowid LIMIT ?`,
      [match, ...where.params, options.topK ?? 10],
    );
    return rows.map((row) =>
      rowToDocument(row, this.path, options.scaleScore ? scaleScore(row.score, "bm25") : row.score),
    );
  }

  /** Documents ranked by exact similarity to `embedding` (a full scan, with the filter applied in the same query). */
  async vectorSearch(embedding: ArrayLike<number>, options: VectorSearchOptions = {}): Promise<Document[]> {
    const similarity = options.similarity ?? this.#options.similarity ?? "cosine";
    const where = compileSqliteFilter(options.filters);
    if (!this.#vectorsLoaded) {
      loadSqliteVec(this.#database, this.path);
      this.#vectorsLoaded = true;
    }
    const dimension = Number(readSetting(this.#database, "dimension") ?? 0);
    if (dimension === 0) return [];
    if (embedding.length !== dimension) {
      throw new DocumentStoreError(
        `SQLite store ${this.path}: the query embedding has ${embedding.length} numbers, but the stored embeddings have ${dimension}. Embed the query with the model that embedded the documents.`,
      );
    }
    const { vector, norm } = encodeVector(embedding);
    const filtered = options.filters !== undefined;
    const rows = this.#ranked(
      "vector search",
      `SELECT e.rowid AS rowid, ${similarityExpression(similarity)} AS score FROM embeddings e ${filtered ? "JOIN documents d ON d.rowid = e.rowid " : ""}WHERE ${where.sql} ORDER BY score DESC, e.rowid LIMIT ?`,
      [...(similarity === "dot" ? [vector, norm] : [vector]), ...where.params, options.topK ?? 10],
    );
    return rows.map((row) =>
      rowToDocument(row, this.path, options.scaleScore ? scaleScore(row.score, similarity) : row.score),
    );
  }

  /** `{ kind: "sqlite", path, … }`: what reopens this store from a pipeline file. */
  toConfig(): StoreConfig {
    const { language, tokenizer, similarity, readonly, synchronous } = this.#options;
    return {
      kind: "sqlite",
      path: this.path,
      ...(language ? { language } : {}),
      ...(tokenizer ? { tokenizer } : {}),
      ...(similarity ? { similarity } : {}),
      ...(readonly ? { readonly } : {}),
      ...(synchronous ? { synchronous } : {}),
    };
  }

  /** Closes the file (checkpointing the WAL). Further calls fail with a `DocumentStoreError`. */
  async close(): Promise<void> {
    if (this.#database.open) this.#database.close();
  }

  /**
   * Runs `hits` (selecting `rowid` and `score`, best first, already limited) and reads the whole documents of those
   * rows only: sorting full rows (content, metadata, vectors) of every match would cost far more than ranking them.
   * Ties keep insertion order.
   */
  #ranked(action: string, hits: string, params: unknown[]): Array<DocumentRow & { score: number }> {
    return this.#run(action, () =>
      this.#database
        .prepare(
          `SELECT ${documentColumns}, hits.score AS score FROM (${hits}) AS hits JOIN documents d ON d.rowid = hits.rowid LEFT JOIN embeddings e ON e.rowid = d.rowid ORDER BY hits.score DESC, hits.rowid`,
        )
        .all(...params),
    ) as Array<DocumentRow & { score: number }>;
  }

  #run<T>(action: string, statement: () => T): T {
    if (!this.#database.open) {
      throw new DocumentStoreError(`SQLite store ${this.path}: ${action} after close(). Open a new store.`);
    }
    try {
      return statement();
    } catch (error) {
      if (TramaError.isInstance(error)) throw error;
      throw statementError(this.path, action, error);
    }
  }
}
