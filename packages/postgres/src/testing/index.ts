/**
 * `@trama/postgres/testing`: real Postgres servers for tests and benchmarks. `startPgliteServer()` serves PGlite with
 * pgvector over the wire protocol (npm only); `startLocalPostgres()` runs the machine's PostgreSQL binaries.
 * @module
 */
export { debianPostgresBin, startLocalPostgres } from "./local-postgres.js";
export { startPgliteServer, type TestPostgres } from "./pglite-server.js";
