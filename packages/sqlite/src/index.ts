/**
 * `@trama/sqlite`: the embedded, persistent document store. One SQLite file, no server: WAL, FTS5 BM25 keyword
 * search, sqlite-vec vector search (optional package), metadata filters compiled to SQL with bound parameters.
 *
 * ```ts
 * import { SqliteDocumentStore } from "@trama/sqlite";
 * const store = new SqliteDocumentStore({ path: "./trama.db", language: "english" });
 * await store.write(documents, { policy: "overwrite" });
 * const hits = await store.keywordSearch("podcast guests", { topK: 5 });
 * ```
 * @module
 */
export {
  SqliteDocumentStore,
  type SqliteDocumentStoreOptions,
  sqliteTokenizers,
} from "./sqlite-document-store.js";
export { SCHEMA_VERSION } from "./sqlite-schema.js";
export { stores } from "./stores.js";
