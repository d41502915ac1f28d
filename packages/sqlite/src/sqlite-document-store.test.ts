import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteDocumentStore } from "./sqlite-document-store.js";
import { stores } from "./stores.js";

const folder = mkdtempSync(join(tmpdir(), "trama-sqlite-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const newPath = () => join(folder, `store-${files++}.db`);

describeDocumentStore("SqliteDocumentStore", {
  create: async () => new SqliteDocumentStore({ path: newPath() }),
  capabilities: { keyword: true, vector: true },
});

const doc = (id: string, content: string, meta: Record<string, unknown> = {}, embedding?: number[]) =>
  new Document({ id, content, meta, ...(embedding ? { embedding } : {}) });

describe("SqliteDocumentStore files", () => {
  it("persists across reopening, in WAL mode, and reopens from its saved configuration", async () => {
    const path = newPath();
    const store = new SqliteDocumentStore({ path, language: "english" });
    await store.write([doc("a", "the cats are running", { n: 1 }, [1, 2]), doc("b", "dogs")]);
    expect(store.toConfig()).toEqual({ kind: "sqlite", path, language: "english" });
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();
    const reopened = await stores.sqlite.fromConfig(store.toConfig());
    expect((await reopened.filter()).map((document) => document.toJSON())).toEqual([
      { id: "a", content: "the cats are running", meta: { n: 1 }, embedding: [1, 2] },
      { id: "b", content: "dogs" },
    ]);
    // Porter stemming: "run" finds "running".
    expect((await reopened.keywordSearch?.("run"))?.map((document) => document.id)).toEqual(["a"]);
    await reopened.close();
    const byShorthand = await stores.sqlite.open(path);
    expect(await byShorthand.count()).toBe(2);
    await byShorthand.close();
  });

  it("opens through @trama/retrieval's shorthand and saved configuration, with the shared analyzer option", async () => {
    const path = newPath();
    const store = await resolveDocumentStore(`sqlite:${path}`, { analyzer: "english" });
    expect(store).toBeInstanceOf(SqliteDocumentStore);
    expect(store.toConfig()).toEqual({ kind: "sqlite", path, language: "english" });
    await store.write([doc("a", "she runs")]);
    await store.close?.();
    const again = await storeFromConfig(store.toConfig());
    expect((await again.keywordSearch?.("running"))?.map((found) => found.id)).toEqual(["a"]);
    await again.close?.();
  });

  it("is saved in pipeline files as its configuration, and the loaded pipeline finds the same documents", async () => {
    const path = newPath();
    const store = new SqliteDocumentStore({ path, language: "english" });
    await store.write([doc("a", "towers lean in Pisa", {}, [1, 0]), doc("b", "canals of Venice", {}, [0, 1])]);
    const pipeline = new Pipeline()
      .add("keywords", BM25Retriever({ store, topK: 1 }))
      .add("vectors", EmbeddingRetriever({ store, topK: 1 }));
    const inputs = { keywords: { query: "tower" }, vectors: { queryEmbedding: [0.1, 1] } };
    const expected = await pipeline.run(inputs);
    const yaml = pipeline.toYAML();
    expect(yaml).toContain("kind: sqlite");
    expect(yaml).toContain(`path: ${path}`);
    await store.close();
    const loaded = Pipeline.fromYAML(yaml, { registry: new ComponentRegistry(components) });
    const result = (await loaded.run(inputs)) as Record<string, { documents: Document[] }>;
    expect(result).toEqual(expected);
    expect([result.keywords?.documents[0]?.id, result.vectors?.documents[0]?.id]).toEqual(["a", "b"]);
  });

  it("folds accents for Italian and treats FTS5 syntax in queries as plain words", async () => {
    const store = new SqliteDocumentStore({ path: newPath(), language: "italian" });
    await store.write([doc("a", "La città dell'anno è Napoli"), doc("b", "NEAR the AND gate")]);
    expect((await store.keywordSearch("citta anno")).map((document) => document.id)).toEqual(["a"]);
    expect((await store.keywordSearch('NEAR( "AND" * ^gate -')).map((document) => document.id)).toEqual(["b"]);
    await store.close();
  });

  it("binds filter values: SQL in a value is data", async () => {
    const store = new SqliteDocumentStore({ path: newPath() });
    await store.write([doc("a", "x", { name: "Robert'); DROP TABLE documents; --" })]);
    const value = "Robert'); DROP TABLE documents; --";
    expect(await store.count({ field: "meta.name", operator: "==", value })).toBe(1);
    expect(await store.count({ field: "meta.name", operator: "==", value: "' OR 1=1 --" })).toBe(0);
    expect(await store.count({ field: "meta.it's", operator: "==", value: null })).toBe(1);
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it("leaves the store untouched when a write fails midway", async () => {
    const store = new SqliteDocumentStore({ path: newPath() });
    await store.write([doc("a", "first", {}, [1, 0, 0])]);
    const attempt = store.write([doc("b", "fine", {}, [0, 1, 0]), doc("c", "wrong size", {}, [1, 0])]);
    await expect(attempt).rejects.toSatisfy(
      (error: unknown) =>
        DocumentStoreError.isInstance(error) && /'c' has an embedding of 2 numbers/.test(String(error)),
    );
    expect((await store.filter()).map((document) => document.id)).toEqual(["a"]);
    expect(await store.keywordSearch("fine")).toEqual([]);
    await expect(store.write([doc("a", "again"), doc("d", "new")])).rejects.toSatisfy(
      (error: unknown) => DuplicateDocumentError.isInstance(error) && String(error).includes(store.path),
    );
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it("serves a reader on a second connection while a writer writes", async () => {
    const path = newPath();
    const writer = new SqliteDocumentStore({ path });
    const reader = new SqliteDocumentStore({ path, readonly: true });
    for (let batch = 0; batch < 5; batch++) {
      await writer.write(Array.from({ length: 50 }, (_, index) => doc(`${batch}-${index}`, `batch ${batch}`)));
      expect(await reader.count()).toBe((batch + 1) * 50);
    }
    await expect(reader.write([doc("x", "no")])).rejects.toSatisfy(
      (error: unknown) =>
        DocumentStoreError.isInstance(error) && /read-only/.test(String(error)) && String(error).includes(path),
    );
    await writer.close();
    await reader.close();
  });

  it("refuses files that are not a database, not a Trama store, from a newer version, or with another analyzer", async () => {
    const expectRefused = (open: () => unknown, pattern: RegExp, path: string) => {
      expect(open).toThrow(pattern);
      expect(open).toThrow(path);
      try {
        open();
      } catch (error) {
        expect(DocumentStoreError.isInstance(error)).toBe(true);
      }
    };
    const text = newPath();
    writeFileSync(text, "this is a plain text file, not a database at all, and it is long enough to have a header.");
    expectRefused(() => new SqliteDocumentStore({ path: text }), /not a SQLite database/, text);

    const foreign = newPath();
    const other = new Database(foreign);
    other.exec("CREATE TABLE invoices (id INTEGER)");
    other.close();
    expectRefused(
      () => new SqliteDocumentStore({ path: foreign }),
      /not a Trama document store \(its tables: invoices\)/,
      foreign,
    );

    const newer = newPath();
    await new SqliteDocumentStore({ path: newer }).close();
    const raw = new Database(newer);
    raw.pragma("user_version = 99");
    raw.close();
    expectRefused(() => new SqliteDocumentStore({ path: newer }), /schema version 99.*Upgrade @trama\/sqlite/, newer);

    const english = newPath();
    await new SqliteDocumentStore({ path: english, language: "english" }).close();
    expectRefused(
      () => new SqliteDocumentStore({ path: english, language: "italian" }),
      /uses the tokenizer 'porter/,
      english,
    );

    const nowhere = join(folder, "missing-folder", "store.db");
    expectRefused(() => new SqliteDocumentStore({ path: nowhere }), /folder exists and is writable/, nowhere);
    expectRefused(() => new SqliteDocumentStore({ path: folder }), /cannot be opened/, folder);
  });
});
