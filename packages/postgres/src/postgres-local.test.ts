import { Document } from "@trama/core";
import { DocumentStoreError } from "@trama/retrieval";
import { describeDocumentStore } from "@trama/retrieval/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDocumentStore } from "./postgres-document-store.js";
import { startLocalPostgres, type TestPostgres } from "./testing/index.js";

// Debian's PostgreSQL 15 (no pgvector package exists for it here): the keyword and filter paths on a stock server.
// Missing binaries fail these tests with the apt-get command to run.
let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await startLocalPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
let tables = 0;
const open = (options: Record<string, unknown> = {}) =>
  PostgresDocumentStore.open({ connectionString: server?.connectionString, table: `local_${tables++}`, ...options });

describeDocumentStore("PostgresDocumentStore on PostgreSQL 15 without pgvector", {
  create: () => open(),
  capabilities: { keyword: true },
});

describe("PostgresDocumentStore without pgvector", () => {
  it("stores embeddings, and says exactly what to install for vector search", async () => {
    const store = await open({ language: "italian" });
    await store.write([new Document({ id: "a", content: "I gatti dormono", embedding: [0.5, 0.25] })]);
    expect((await store.filter())[0]?.embedding).toEqual([0.5, 0.25]);
    expect((await store.keywordSearch("gatto")).map((found) => found.id)).toEqual(["a"]);
    await expect(store.vectorSearch([1, 0])).rejects.toSatisfy(
      (error: unknown) =>
        DocumentStoreError.isInstance(error) &&
        /public\.local_\d+: vector search needs pgvector, but the server has no pgvector extension\. Install pgvector on the server \(Debian\/Ubuntu: apt-get install postgresql-15-pgvector/.test(
          String(error),
        ),
    );
    await store.close();
  });
});

describe("startLocalPostgres", () => {
  it("says what to install when the PostgreSQL binaries are missing", async () => {
    await expect(startLocalPostgres({ binDirectory: "/nonexistent/postgresql/bin" })).rejects.toThrow(
      "PostgreSQL is not installed: /nonexistent/postgresql/bin/initdb is missing. Run apt-get install -y postgresql",
    );
  });
});
