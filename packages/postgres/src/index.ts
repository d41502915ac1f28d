/**
 * `@trama/postgres`: documents in Postgres, for users who outgrow one machine (any Postgres 13+; pgvector for vector
 * search, managed or self-hosted). Full-text search with a configurable text search configuration, pgvector
 * similarity (exact or HNSW), metadata filters compiled to SQL with bound parameters.
 *
 * ```ts
 * import { PostgresDocumentStore } from "@trama/postgres";
 * const store = await PostgresDocumentStore.open({ connectionVariable: "DATABASE_URL", table: "episodes", language: "italian" });
 * const hits = await store.keywordSearch("ospiti della puntata", { topK: 5 });
 * ```
 * @module
 */
export { PostgresDocumentStore, type PostgresDocumentStoreOptions } from "./postgres-document-store.js";
export { SCHEMA_VERSION } from "./postgres-schema.js";
export { stores } from "./stores.js";
