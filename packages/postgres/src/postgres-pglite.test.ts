import { ComponentRegistry, Document, Pipeline } from "@trama/core";
import {
  BM25Retriever,
  components,
  DocumentStoreError,
  DuplicateDocumentError,
  EmbeddingRetriever,
  resolveDocumentStore,
  storeFromConfig,
} from "@trama/retrieval";
import { describeDocumentStore } from "@trama/retrieval/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDocumentStore } from "./postgres-document-store.js";
import { stores } from "./stores.js";
import { startPgliteServer, type TestPostgres } from "./testing/index.js";

// PGlite with pgvector, reached by the pg driver over the real wire protocol on a loopback port.
let server: TestPostgres;
beforeAll(async () => {
  server = await startPgliteServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
let tables = 0;
const open = (options: Record<string, unknown> = {}) =>
  PostgresDocumentStore.open({ connectionString: server.connectionString, table: `pglite_${tables++}`, ...options });

describeDocumentStore("PostgresDocumentStore on PGlite with pgvector", {
  create: () => open(),
  capabilities: { keyword: true, vector: true },
});

const doc = (id: string, content: string, meta: Record<string, unknown> = {}, embedding?: number[]) =>
  new Document({ id, content, meta, ...(embedding ? { embedding } : {}) });

describe("PostgresDocumentStore on PGlite", () => {
  it("saves the connection variable's name, never the URL, and reopens from its configuration", async () => {
    process.env.TRAMA_TEST_PG_URL = server.connectionString;
    const store = await stores.postgres.open("env:TRAMA_TEST_PG_URL", { table: "configured", language: "english" });
    await store.write([doc("a", "The cats were running home", { n: 1 }, [1, 2, 3])]);
    expect(store.toConfig()).toEqual({
      kind: "postgres",
      connectionVariable: "TRAMA_TEST_PG_URL",
      schema: "public",
      table: "configured",
      language: "english",
    });
    await store.close();
    const reopened = await stores.postgres.fromConfig(store.toConfig());
    expect((await reopened.keywordSearch("run cat")).map((found) => found.id)).toEqual(["a"]);
    expect((await reopened.filter())[0]?.toJSON()).toEqual({
      id: "a",
      content: "The cats were running home",
      meta: { n: 1 },
      embedding: [1, 2, 3],
    });
    await reopened.close();
    const withPassword = new PostgresDocumentStore({ connectionString: "postgres://user:secret@127.0.0.1:1/db" });
    expect(JSON.stringify(withPassword.toConfig())).not.toContain("secret");
    await withPassword.close();
    await expect(stores.postgres.open("postgres://user:secret@host/db")).rejects.toThrow(/postgres:env:DATABASE_URL/);
  });

  it("opens through @trama/retrieval's shorthand and saved configuration, with the shared analyzer option", async () => {
    process.env.TRAMA_TEST_PG_URL = server.connectionString;
    const store = await resolveDocumentStore("postgres:env:TRAMA_TEST_PG_URL", {
      table: "shorthand",
      analyzer: "italian",
    });
    expect(store).toBeInstanceOf(PostgresDocumentStore);
    await store.write([doc("a", "I gatti dormono")]);
    await store.close?.();
    const again = await storeFromConfig(store.toConfig());
    expect((await again.keywordSearch?.("gatto"))?.map((found) => found.id)).toEqual(["a"]);
    await again.close?.();
  });

  it("is saved in pipeline files as its variable's name, and the loaded pipeline finds the same documents", async () => {
    process.env.TRAMA_TEST_PG_URL = server.connectionString;
    const store = await PostgresDocumentStore.open({
      connectionVariable: "TRAMA_TEST_PG_URL",
      table: "pipeline",
      language: "english",
    });
    await store.write([doc("a", "towers lean in Pisa", {}, [1, 0]), doc("b", "canals of Venice", {}, [0, 1])]);
    const pipeline = new Pipeline()
      .add("keywords", BM25Retriever({ store, topK: 1 }))
      .add("vectors", EmbeddingRetriever({ store, topK: 1 }));
    const inputs = { keywords: { query: "tower" }, vectors: { queryEmbedding: [0.1, 1] } };
    const expected = await pipeline.run(inputs);
    const yaml = pipeline.toYAML();
    expect(yaml).toContain("connectionVariable: TRAMA_TEST_PG_URL");
    expect(yaml).not.toContain(server.connectionString);
    await store.close();
    const loaded = Pipeline.fromYAML(yaml, { registry: new ComponentRegistry(components) });
    const result = (await loaded.run(inputs)) as Record<string, { documents: Document[] }>;
    expect(result).toEqual(expected);
    expect([result.keywords?.documents[0]?.id, result.vectors?.documents[0]?.id]).toEqual(["a", "b"]);
  });

  it("refuses unsafe table and schema names and unknown text search configurations", async () => {
    for (const table of ['docs"; DROP TABLE x; --', "1docs", "a".repeat(51), "docs-2"]) {
      expect(() => new PostgresDocumentStore({ connectionString: server.connectionString, table })).toThrow(
        /not allowed/,
      );
    }
    expect(() => new PostgresDocumentStore({ connectionString: server.connectionString, schema: "public.x" })).toThrow(
      /schema name/,
    );
    await expect(open({ language: "klingon" })).rejects.toSatisfy(
      (error: unknown) =>
        DocumentStoreError.isInstance(error) && /no text search configuration "klingon".*italian/.test(String(error)),
    );
  });

  it("binds filter values and keyword queries: SQL and tsquery syntax in them are data", async () => {
    const store = await open();
    await store.write([doc("a", "plain words", { name: "x'); DROP TABLE pglite_0; --" })]);
    expect(await store.count({ field: "meta.name", operator: "==", value: "x'); DROP TABLE pglite_0; --" })).toBe(1);
    expect(await store.count({ field: "meta.it's", operator: "==", value: null })).toBe(1);
    expect((await store.keywordSearch("words & !plain | ('x':*")).map((found) => found.id)).toEqual(["a"]);
    await store.close();
  });

  it("leaves the table untouched when a write fails, and names the duplicate", async () => {
    const store = await open();
    await store.write([doc("a", "first", {}, [1, 0, 0])]);
    await expect(store.write([doc("b", "fine", {}, [0, 1, 0]), doc("c", "wrong size", {}, [1, 0])])).rejects.toThrow(
      /'c' has an embedding of 2 numbers/,
    );
    await expect(store.write([doc("d", "new"), doc("a", "again")])).rejects.toSatisfy(
      (error: unknown) => DuplicateDocumentError.isInstance(error) && String(error).includes("'a' already stored"),
    );
    expect((await store.filter()).map((found) => found.id)).toEqual(["a"]);
    await store.close();
  });

  it("searches through an HNSW index with each similarity, and refuses one without a fixed size", async () => {
    for (const similarity of ["cosine", "dot"] as const) {
      const store = await open({ embeddingDimension: 3, vectorIndex: "hnsw", similarity });
      await store.write(Array.from({ length: 20 }, (_, index) => doc(`d${index}`, "x", {}, [1, index, 0.5])));
      const [best] = await store.vectorSearch([1, 19, 0.5], { topK: 1 });
      expect(best?.id).toBe("d19");
      const raw = new pg.Client({ connectionString: server.connectionString });
      await raw.connect();
      const { rows } = await raw.query(
        "SELECT indexdef FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%hnsw%'",
        [store.table.split(".")[1]],
      );
      await raw.end();
      expect(rows[0]?.indexdef).toContain(similarity === "dot" ? "vector_ip_ops" : "vector_cosine_ops");
      await store.close();
    }
    await expect(open({ vectorIndex: "hnsw" })).rejects.toThrow(/HNSW index needs a fixed embedding size/);
  });

  it("closes its pool", async () => {
    const store = await open();
    await store.close();
    await expect(store.count()).rejects.toSatisfy(DocumentStoreError.isInstance);
  });
});
