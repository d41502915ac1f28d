/**
 * The table of a Postgres store: validated names, the pgvector extension when the server has it, the table's creation
 * and version (kept as JSON in the table's comment), and the upgrade of an embeddings column to pgvector once the
 * extension appears.
 * @module
 */
import { DocumentStoreError } from "@trama/retrieval";
import type pg from "pg";

/** The table layout this version writes; recorded in the table's comment as `schema`. */
export const SCHEMA_VERSION = 1;
const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/;

/** A validated, quoted table name. */
export interface TableName {
  schema: string;
  table: string;
  /** `"schema"."table"`, safe to write into SQL. */
  qualified: string;
  /** `schema.table`, for messages. */
  label: string;
}

/** Checks `schema` and `table` (letters, digits, underscores; at most 50) so no name can inject SQL. */
export function tableName(schema: string, table: string): TableName {
  for (const [what, name] of [
    ["schema", schema],
    ["table", table],
  ] as const) {
    if (typeof name !== "string" || !identifier.test(name)) {
      throw new DocumentStoreError(
        `Postgres store: the ${what} name ${JSON.stringify(name)} is not allowed. Use letters, digits and underscores (starting with a letter or underscore), at most 50 characters.`,
      );
    }
  }
  return { schema, table, qualified: `"${schema}"."${table}"`, label: `${schema}.${table}` };
}

/** What the store learned about the server and its table. */
export interface TableState {
  /** The embeddings column is pgvector's `vector` (else `real[]`, stored but not searchable). */
  vectors: boolean;
  /** Why there is no pgvector, with what to do; undefined when there is. */
  missingVectors?: string;
  language: string;
}

/** How the table is to be made. */
export interface SchemaOptions {
  name: TableName;
  language: string | undefined;
  embeddingDimension: number | undefined;
  vectorIndex: "none" | "hnsw";
  similarity: "cosine" | "dot";
  createExtension: boolean;
}

/** Creates or checks the table, in one transaction under an advisory lock so concurrent openers agree. */
export async function prepareTable(client: pg.PoolClient, options: SchemaOptions): Promise<TableState> {
  const { name } = options;
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`trama:${name.label}`]);
    const vectors = await ensureVectorExtension(client, options.createExtension);
    const found = await client.query<{ comment: string | null; exists: boolean }>(
      "SELECT to_regclass($1) IS NOT NULL AS exists, obj_description(to_regclass($1), 'pg_class') AS comment",
      [name.qualified],
    );
    const { exists, comment } = found.rows[0] as { exists: boolean; comment: string | null };
    const language = exists
      ? checkExisting(name, comment, options.language)
      : await createTable(client, options, vectors.available);
    const column = await embeddingType(client, name);
    if (vectors.available && column === "real[]") {
      // The table predates pgvector on this server: its embeddings become searchable vectors.
      const type = options.embeddingDimension ? `vector(${options.embeddingDimension})` : "vector";
      await client.query(`ALTER TABLE ${name.qualified} ALTER COLUMN embedding TYPE ${type} USING embedding::${type}`);
    }
    if (vectors.available && options.vectorIndex === "hnsw") await createHnswIndex(client, options);
    await client.query("COMMIT");
    return { vectors: vectors.available, missingVectors: vectors.missing, language };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (DocumentStoreError.isInstance(error)) throw error;
    throw new DocumentStoreError(
      `Postgres store ${name.label}: preparing the table failed (${error instanceof Error ? error.message : String(error)}). Check the user's rights on the database and schema.`,
      { cause: error },
    );
  }
}

async function ensureVectorExtension(
  client: pg.PoolClient,
  create: boolean,
): Promise<{ available: boolean; missing?: string }> {
  const { rows } = await client.query<{ installed: boolean; available: boolean; version: string }>(
    "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS installed, EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available, current_setting('server_version_num') AS version",
  );
  const { installed, available, version } = rows[0] as { installed: boolean; available: boolean; version: string };
  if (installed) return { available: true };
  const major = Math.floor(Number(version) / 10000);
  if (!available) {
    return {
      available: false,
      missing: `the server has no pgvector extension. Install pgvector on the server (Debian/Ubuntu: apt-get install postgresql-${major}-pgvector; managed Postgres: enable the 'vector' extension), then reopen the store: it converts the stored embeddings`,
    };
  }
  if (!create) {
    return {
      available: false,
      missing: "pgvector is available but not created. Run CREATE EXTENSION vector, then reopen the store",
    };
  }
  await client.query("SAVEPOINT trama_vector");
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS vector");
    return { available: true };
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT trama_vector");
    return {
      available: false,
      missing: `creating the pgvector extension failed (${error instanceof Error ? error.message : String(error)}). Ask the database owner to run CREATE EXTENSION vector, then reopen the store`,
    };
  }
}

function checkExisting(name: TableName, comment: string | null, language: string | undefined): string {
  let marker: { trama?: string; schema?: number; language?: string } = {};
  try {
    marker = comment ? (JSON.parse(comment) as typeof marker) : {};
  } catch {
    // A comment someone else wrote: the table is not ours, reported below.
  }
  if (marker.trama !== "document-store" || typeof marker.language !== "string") {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: the table exists but is not a Trama document store. Choose another 'table' (or 'schema').`,
    );
  }
  if ((marker.schema ?? 0) > SCHEMA_VERSION) {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: the table has schema version ${marker.schema}, written by a newer @trama/postgres; this version reads up to ${SCHEMA_VERSION}. Upgrade @trama/postgres.`,
    );
  }
  if (language !== undefined && language !== marker.language) {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: the table is indexed with the text search configuration '${marker.language}', not '${language}'. Open it without 'language', or use a new table to change it.`,
    );
  }
  return marker.language;
}

async function createTable(client: pg.PoolClient, options: SchemaOptions, vectors: boolean): Promise<string> {
  const { name, embeddingDimension } = options;
  const language = options.language ?? "simple";
  const known = await client.query("SELECT 1 FROM pg_ts_config WHERE cfgname = $1", [language]);
  if (!identifier.test(language) || known.rowCount === 0) {
    const { rows } = await client.query<{ name: string }>("SELECT cfgname AS name FROM pg_ts_config ORDER BY 1");
    throw new DocumentStoreError(
      `Postgres store ${name.label}: the server has no text search configuration ${JSON.stringify(language)}. Use one of: ${rows.map((row) => row.name).join(", ")}.`,
    );
  }
  if (embeddingDimension !== undefined && !(Number.isInteger(embeddingDimension) && embeddingDimension > 0)) {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: embeddingDimension must be a positive integer, got ${embeddingDimension}.`,
    );
  }
  const type = vectors ? (embeddingDimension ? `vector(${embeddingDimension})` : "vector") : "real[]";
  if (name.schema !== "public") await client.query(`CREATE SCHEMA IF NOT EXISTS "${name.schema}"`);
  // The language was checked against pg_ts_config and the identifier pattern above: safe as a literal.
  await client.query(`
    CREATE TABLE ${name.qualified} (
      id text COLLATE "C" PRIMARY KEY,
      content text,
      meta jsonb NOT NULL DEFAULT '{}',
      embedding ${type},
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('${language}'::regconfig, coalesce(content, ''))) STORED
    )`);
  await client.query(`CREATE INDEX "${name.table}_tsv" ON ${name.qualified} USING gin (tsv)`);
  const marker = JSON.stringify({ trama: "document-store", schema: SCHEMA_VERSION, language });
  await client.query(`COMMENT ON TABLE ${name.qualified} IS '${marker}'`);
  return language;
}

async function embeddingType(client: pg.PoolClient, name: TableName): Promise<string> {
  const { rows } = await client.query<{ type: string }>(
    "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'embedding'",
    [name.qualified],
  );
  return rows[0]?.type ?? "missing";
}

async function createHnswIndex(client: pg.PoolClient, options: SchemaOptions): Promise<void> {
  const { name } = options;
  if ((await embeddingType(client, name)) === "vector") {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: an HNSW index needs a fixed embedding size. Set embeddingDimension (for instance 384) when the table is created.`,
    );
  }
  const operators = options.similarity === "dot" ? "vector_ip_ops" : "vector_cosine_ops";
  await client.query(
    `CREATE INDEX IF NOT EXISTS "${name.table}_hnsw_${options.similarity}" ON ${name.qualified} USING hnsw (embedding ${operators})`,
  );
}
