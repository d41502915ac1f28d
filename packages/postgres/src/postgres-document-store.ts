/**
 * `PostgresDocumentStore`: documents in a Postgres table, for users who outgrow one machine. `jsonb` metadata,
 * full-text search over a generated `tsvector` column with a GIN index, pgvector similarity search (exact, or HNSW),
 * filters compiled to SQL with bound parameters, one transaction per write, a connection pool closed by `close()`.
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
import pg from "pg";
import { readVariable, withoutPassword } from "./postgres-connection.js";
import { compilePostgresFilter } from "./postgres-filter.js";
import { columns, type Row, scale, toDocument } from "./postgres-rows.js";
import { prepareTable, type TableName, type TableState, tableName } from "./postgres-schema.js";
import { writeDocuments } from "./postgres-write.js";

/** How to reach and lay out a Postgres store. Everything is optional. */
export interface PostgresDocumentStoreOptions {
  /**
   * The environment variable holding the connection string (default `DATABASE_URL`). Saved in pipeline files in place
   * of the string, so no password is ever written.
   */
  connectionVariable?: string;
  /** A connection string, instead of the variable. Saved without its password (libpq's `PGPASSWORD` supplies it). */
  connectionString?: string;
  /** Default `trama_documents`. Letters, digits and underscores only. */
  table?: string;
  /** Default `public`; created when missing. */
  schema?: string;
  /** The text search configuration of a new table: `simple` (default), `english`, `italian`, … */
  language?: string;
  /** Vector search's default similarity (default `cosine`); also the operator class of the HNSW index. */
  similarity?: Similarity;
  /** Fixes the embedding size (`vector(n)`); needed for an HNSW index. */
  embeddingDimension?: number;
  /** `none` (default): exact search. `hnsw`: pgvector's approximate index, fast on large tables. */
  vectorIndex?: "none" | "hnsw";
  /** Create the pgvector extension when the server offers it (default true). */
  createExtension?: boolean;
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
}

/**
 * Keyword search ranks with `ts_rank_cd` (cover density) normalized by `1 + log(document length)`: Postgres has no
 * BM25, so scores differ from the SQLite and in-memory stores' and compare only within one query. With `scaleScore`
 * the rank is mapped by Postgres' own `rank / (rank + 1)`.
 */
export class PostgresDocumentStore implements DocumentStore {
  readonly specificationVersion = "v1";
  readonly kind = "postgres";
  readonly #options: PostgresDocumentStoreOptions;
  readonly #name: TableName;
  readonly #pool: pg.Pool;
  #state: Promise<TableState> | undefined;

  /** Validates the options and sets up the pool; the first call connects and creates or checks the table. */
  constructor(options: PostgresDocumentStoreOptions = {}) {
    this.#options = options;
    this.#name = tableName(options.schema ?? "public", options.table ?? "trama_documents");
    const connectionString =
      options.connectionString ?? readVariable(options.connectionVariable ?? "DATABASE_URL", this.#name);
    this.#pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
    // An idle connection that the server drops must not crash the process; the next query reconnects or fails loudly.
    this.#pool.on("error", () => undefined);
  }

  /** Opens a store and waits until its table is ready, so connection and permission problems surface here. */
  static async open(options: PostgresDocumentStoreOptions = {}): Promise<PostgresDocumentStore> {
    const store = new PostgresDocumentStore(options);
    try {
      await store.#ready();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** `schema.table`. */
  get table(): string {
    return this.#name.label;
  }

  async count(filters?: Filter): Promise<number> {
    const params: unknown[] = [];
    const where = compilePostgresFilter(filters, params);
    const { rows } = await this.#query<{ count: number }>(
      "count",
      `SELECT count(*)::int AS count FROM ${this.#name.qualified} d WHERE ${where}`,
      params,
    );
    return rows[0]?.count ?? 0;
  }

  async filter(filters?: Filter, options: FilterOptions = {}): Promise<Document[]> {
    const params: unknown[] = [];
    const where = compilePostgresFilter(filters, params);
    const limit = `$${params.push(options.limit ?? null)}::bigint`;
    const offset = `$${params.push(options.offset ?? 0)}::bigint`;
    const { rows } = await this.#query<Row>(
      "filter",
      `SELECT ${columns} FROM ${this.#name.qualified} d WHERE ${where} ORDER BY d.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return rows.map((row) => toDocument(row));
  }

  async write(documents: readonly Document[], options: { policy?: DuplicatePolicy } = {}): Promise<WriteResult> {
    if (documents.length === 0) return { written: 0, skipped: 0 };
    const state = await this.#ready();
    const client = await this.#connect("write");
    try {
      return await writeDocuments({
        client,
        name: this.#name,
        documents,
        policy: options.policy ?? "fail",
        vectors: state.vectors,
      });
    } finally {
      client.release();
    }
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.#query("delete", `DELETE FROM ${this.#name.qualified} WHERE id = ANY($1::text[])`, [
      [...ids],
    ]);
    return result.rowCount ?? 0;
  }

  /** Documents matching any word of `query` (parsed by the table's text search configuration), best first. */
  async keywordSearch(query: string, options: KeywordSearchOptions = {}): Promise<Document[]> {
    const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])];
    const state = await this.#ready();
    const params: unknown[] = [state.language, words.map((word) => `'${word}'`).join(" | ")];
    const where = compilePostgresFilter(options.filters, params);
    if (words.length === 0) return [];
    const normalization = options.scaleScore ? 1 | 32 : 1;
    const topK = `$${params.push(options.topK ?? 10)}`;
    const rows = await this.#ranked(
      "keyword search",
      `SELECT d.id, ts_rank_cd(d.tsv, q.query, ${normalization})::float8 AS score FROM ${this.#name.qualified} d, to_tsquery($1::regconfig, $2) AS q(query) WHERE d.tsv @@ q.query AND ${where} ORDER BY score DESC, d.id LIMIT ${topK}`,
      params,
    );
    return rows.map((row) => toDocument(row, row.score));
  }

  /** Documents ranked by pgvector's cosine distance (`<=>`) or inner product (`<#>`), best first. */
  async vectorSearch(embedding: ArrayLike<number>, options: VectorSearchOptions = {}): Promise<Document[]> {
    const similarity = options.similarity ?? this.#options.similarity ?? "cosine";
    const params: unknown[] = [Array.from(embedding)];
    const where = compilePostgresFilter(options.filters, params);
    const state = await this.#ready();
    if (!state.vectors) {
      throw new DocumentStoreError(
        `Postgres store ${this.#name.label}: vector search needs pgvector, but ${state.missingVectors}.`,
      );
    }
    const distance = similarity === "dot" ? "d.embedding <#> $1::real[]::vector" : "d.embedding <=> $1::real[]::vector";
    const score = similarity === "dot" ? `-(${distance})` : `1 - (${distance})`;
    const topK = `$${params.push(options.topK ?? 10)}`;
    // Ordered by the distance alone, so an HNSW index can serve the ORDER BY … LIMIT.
    const rows = await this.#ranked(
      "vector search",
      `SELECT d.id, (${score})::float8 AS score FROM ${this.#name.qualified} d WHERE d.embedding IS NOT NULL AND ${where} ORDER BY ${distance} LIMIT ${topK}`,
      params,
    );
    return rows.map((row) => toDocument(row, options.scaleScore ? scale(row.score, similarity) : row.score));
  }

  /** `{ kind: "postgres", connectionVariable, schema, table, … }`: never a password. */
  toConfig(): StoreConfig {
    const {
      connectionString,
      connectionVariable,
      language,
      similarity,
      embeddingDimension,
      vectorIndex,
      createExtension,
      maxConnections,
    } = this.#options;
    return {
      kind: "postgres",
      ...(connectionString === undefined
        ? { connectionVariable: connectionVariable ?? "DATABASE_URL" }
        : { connectionString: withoutPassword(connectionString) }),
      schema: this.#name.schema,
      table: this.#name.table,
      ...(language ? { language } : {}),
      ...(similarity ? { similarity } : {}),
      ...(embeddingDimension ? { embeddingDimension } : {}),
      ...(vectorIndex && vectorIndex !== "none" ? { vectorIndex } : {}),
      ...(createExtension === undefined ? {} : { createExtension }),
      ...(maxConnections === undefined ? {} : { maxConnections }),
    };
  }

  /** Closes every pooled connection. */
  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }

  #ready(): Promise<TableState> {
    this.#state ??= (async () => {
      const client = await this.#connect("open");
      try {
        return await prepareTable(client, {
          name: this.#name,
          language: this.#options.language,
          embeddingDimension: this.#options.embeddingDimension,
          vectorIndex: this.#options.vectorIndex ?? "none",
          similarity: this.#options.similarity ?? "cosine",
          createExtension: this.#options.createExtension ?? true,
        });
      } finally {
        client.release();
      }
    })();
    // A failed preparation is retried by the next call rather than remembered for ever.
    this.#state.catch(() => {
      this.#state = undefined;
    });
    return this.#state;
  }

  /**
   * Runs `hits` (selecting `id` and `score`, best first, already limited) and reads the whole documents of those ids
   * only, so the ranking never carries the content, metadata and embeddings of every match.
   */
  async #ranked(action: string, hits: string, params: unknown[]): Promise<Array<Row & { score: number }>> {
    const { rows } = await this.#query<Row & { score: number }>(
      action,
      `SELECT ${columns}, hits.score FROM (${hits}) AS hits JOIN ${this.#name.qualified} d ON d.id = hits.id ORDER BY hits.score DESC, d.id`,
      params,
    );
    return rows;
  }

  async #connect(action: string): Promise<pg.PoolClient> {
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw new DocumentStoreError(
        `Postgres store ${this.#name.label}: ${action} could not connect (${error instanceof Error ? error.message : String(error)}). Check the connection string${this.#options.connectionString ? "" : ` in ${this.#options.connectionVariable ?? "DATABASE_URL"}`} and that the server is running.`,
        { cause: error },
      );
    }
  }

  async #query<R extends pg.QueryResultRow>(
    action: string,
    sql: string,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    await this.#ready();
    const client = await this.#connect(action);
    try {
      return await client.query<R>(sql, params);
    } catch (error) {
      if (TramaError.isInstance(error)) throw error;
      throw new DocumentStoreError(
        `Postgres store ${this.#name.label}: ${action} failed (${error instanceof Error ? error.message : String(error)}).`,
        { cause: error },
      );
    } finally {
      client.release();
    }
  }
}
