/**
 * Opening a SQLite store file: pragmas (WAL), the schema, its version, and errors that name the file and say what to
 * do. One file holds one store: a `documents` table with JSON metadata, an FTS5 index kept in sync by triggers (so it
 * changes inside the same transaction as the row), and an `embeddings` table of float32 vectors.
 * @module
 */
import { DocumentStoreError } from "@trama/retrieval";
import Database from "better-sqlite3";

/** The schema this version of `@trama/sqlite` writes. Files record theirs in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 1;
/** Marks a file as a Trama store (`PRAGMA application_id`, "TRMA"), so other SQLite files are never altered. */
const APPLICATION_ID = 0x54524d41;

/**
 * Steps that bring a file written by an older schema up to `SCHEMA_VERSION`, indexed by the version they start from.
 * Version 1 is the first, so there is nothing to migrate yet; a file at a version with no step here is refused.
 */
const migrations: Record<number, (database: Database.Database) => void> = {};

/** How to open a store file. */
export interface OpenDatabaseOptions {
  path: string;
  tokenizer: string;
  readonly: boolean;
  synchronous: "NORMAL" | "FULL";
}

/** Opens (creating when new) a store file and returns the connection and the tokenizer its full-text index uses. */
export function openDatabase(options: OpenDatabaseOptions): { database: Database.Database; tokenizer: string } {
  const { path } = options;
  let database: Database.Database | undefined;
  try {
    database = new Database(path, { readonly: options.readonly, fileMustExist: options.readonly });
    if (!options.readonly) database.pragma("journal_mode = WAL");
    database.pragma(`synchronous = ${options.synchronous === "FULL" ? "FULL" : "NORMAL"}`);
    database.pragma("busy_timeout = 5000");
    // Scans (vector search, frequent words) read the whole file: map it instead of copying pages through a 2 MB cache.
    database.pragma("mmap_size = 1073741824");
    database.pragma("cache_size = -32768");
    const tokenizer = prepareSchema(database, options);
    return { database, tokenizer };
  } catch (error) {
    database?.close();
    if (DocumentStoreError.isInstance(error)) throw error;
    throw openError(path, error);
  }
}

function prepareSchema(database: Database.Database, options: OpenDatabaseOptions): string {
  const applicationId = database.pragma("application_id", { simple: true }) as number;
  const version = database.pragma("user_version", { simple: true }) as number;
  const tables = (
    database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);
  if (applicationId === 0 && tables.length === 0) {
    if (options.readonly) {
      throw new DocumentStoreError(
        `SQLite store ${options.path}: the file is empty and the store was opened read-only. Open it writable once to create the store.`,
      );
    }
    createSchema(database, options.tokenizer);
    return options.tokenizer;
  }
  if (applicationId !== APPLICATION_ID) {
    throw new DocumentStoreError(
      `SQLite store ${options.path}: this SQLite database is not a Trama document store (its tables: ${tables.join(", ") || "none"}). Give the store a new file or one written by @trama/sqlite.`,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new DocumentStoreError(
      `SQLite store ${options.path}: the file has schema version ${version}, written by a newer @trama/sqlite; this version reads up to ${SCHEMA_VERSION}. Upgrade @trama/sqlite.`,
    );
  }
  if (version < SCHEMA_VERSION) migrate(database, version, options);
  const stored = readSetting(database, "tokenizer");
  if (stored === undefined) {
    throw new DocumentStoreError(
      `SQLite store ${options.path}: the file lacks its tokenizer setting; it was not fully created. Recreate the store.`,
    );
  }
  return stored;
}

function migrate(database: Database.Database, from: number, options: OpenDatabaseOptions): void {
  if (options.readonly) {
    throw new DocumentStoreError(
      `SQLite store ${options.path}: the file has schema version ${from} and needs migrating to ${SCHEMA_VERSION}; open it writable once.`,
    );
  }
  database.transaction(() => {
    for (let version = from; version < SCHEMA_VERSION; version++) {
      const step = migrations[version];
      if (!step) {
        throw new DocumentStoreError(
          `SQLite store ${options.path}: no migration from schema version ${version}. Re-index the documents into a new file.`,
        );
      }
      step(database);
    }
    database.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

function createSchema(database: Database.Database, tokenizer: string): void {
  database.transaction(() => {
    database.exec(`
      CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content TEXT,
        meta TEXT NOT NULL
      );
      CREATE TABLE embeddings (
        rowid INTEGER PRIMARY KEY,
        vector BLOB NOT NULL,
        norm REAL NOT NULL
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE VIRTUAL TABLE documents_fts USING fts5(content, content = 'documents', content_rowid = 'rowid', tokenize = ${quote(tokenizer)});
      CREATE TRIGGER documents_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, content) VALUES (new.rowid, new.content);
      END;
      CREATE TRIGGER documents_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
        DELETE FROM embeddings WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER documents_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
        INSERT INTO documents_fts (rowid, content) VALUES (new.rowid, new.content);
      END;
    `);
    writeSetting(database, "tokenizer", tokenizer);
    database.pragma(`application_id = ${APPLICATION_ID}`);
    database.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

// The tokenizer spec is written into the DDL (FTS5 takes no bound parameters there): it is checked against a strict
// pattern before it gets here, and quoted as a SQL string.
function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A value of the store's `settings` table. */
export function readSetting(database: Database.Database, key: string): string | undefined {
  const row = database.prepare("SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

/** Sets a value of the store's `settings` table (inside the caller's transaction, if any). */
export function writeSetting(database: Database.Database, key: string, value: string): void {
  database
    .prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(key, value);
}

function openError(path: string, error: unknown): DocumentStoreError {
  const code = (error as { code?: string }).code;
  const reason = error instanceof Error ? error.message : String(error);
  const advice =
    code === "SQLITE_NOTADB"
      ? "the file is not a SQLite database. Give the store a new file, or one written by @trama/sqlite"
      : code === "SQLITE_CANTOPEN" || /directory does not exist/.test(reason)
        ? "the file cannot be opened. Check that its folder exists and is writable"
        : code === "SQLITE_READONLY" || code === "SQLITE_PERM"
          ? "the file is not writable. Fix its permissions, or open the store with readonly: true"
          : "opening the file failed";
  return new DocumentStoreError(`SQLite store ${path}: ${advice} (${reason}).`, { cause: error });
}

/** Wraps a failure of a statement on an open store into an error naming the file. */
export function statementError(path: string, action: string, error: unknown): DocumentStoreError {
  const code = (error as { code?: string }).code;
  const reason = error instanceof Error ? error.message : String(error);
  const advice =
    code === "SQLITE_READONLY"
      ? " The file is read-only: open the store writable, or fix the file's permissions."
      : code === "SQLITE_FULL"
        ? " The disk is full: free space and retry; nothing of this write was stored."
        : code === "SQLITE_BUSY"
          ? " Another process held the file's write lock for more than 5 s: retry."
          : "";
  return new DocumentStoreError(`SQLite store ${path}: ${action} failed (${reason}).${advice}`, { cause: error });
}
