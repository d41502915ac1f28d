/**
 * PGlite (Postgres compiled to WebAssembly) with pgvector, served over the Postgres wire protocol on a loopback port
 * by `@electric-sql/pglite-socket`: a real Postgres with pgvector for tests and benchmarks, from npm alone.
 * @module
 */
import { TramaError } from "@trama/core";

/** A running server: a connection string for `pg`, and `stop()`. */
export interface TestPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts an in-memory PGlite with the pgvector extension, listening on 127.0.0.1 on a free port. Needs the npm
 * packages `@electric-sql/pglite`, `@electric-sql/pglite-pgvector` and `@electric-sql/pglite-socket`.
 */
export async function startPgliteServer(options: { maxConnections?: number } = {}): Promise<TestPostgres> {
  let modules: [
    typeof import("@electric-sql/pglite"),
    typeof import("@electric-sql/pglite-pgvector"),
    typeof import("@electric-sql/pglite-socket"),
  ];
  try {
    modules = await Promise.all([
      import("@electric-sql/pglite"),
      import("@electric-sql/pglite-pgvector"),
      import("@electric-sql/pglite-socket"),
    ]);
  } catch (error) {
    throw new TramaError(
      "startPgliteServer needs PGlite: npm install -D @electric-sql/pglite@0.5.14 @electric-sql/pglite-pgvector@0.0.15 @electric-sql/pglite-socket@0.2",
      { cause: error },
    );
  }
  const [{ PGlite }, { vector }, { PGLiteSocketServer }] = modules;
  const database = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({
    db: database,
    host: "127.0.0.1",
    port: 0,
    maxConnections: options.maxConnections ?? 16,
  });
  await server.start();
  return {
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await database.close();
    },
  };
}
