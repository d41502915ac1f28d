import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@trama/core";
import { afterAll, describe, expect, it } from "vitest";
import { describeDocumentStore } from "../../testing/index.js";
import { DocumentStoreError } from "../errors.js";
import { InMemoryDocumentStore } from "./in-memory-document-store.js";

describeDocumentStore("InMemoryDocumentStore", {
  create: async () => new InMemoryDocumentStore(),
  capabilities: { keyword: true, exactBm25: true, vector: true },
});

describeDocumentStore("InMemoryDocumentStore with the english analyzer and BM25+", {
  create: async () => new InMemoryDocumentStore({ analyzer: "english", bm25: { variant: "bm25+" } }),
  capabilities: { keyword: true },
});

describeDocumentStore("InMemoryDocumentStore with approximate search (usearch)", {
  create: async () => new InMemoryDocumentStore({ approximate: { library: "usearch" } }),
  capabilities: { vector: true },
});

const folder = mkdtempSync(join(tmpdir(), "trama-memory-store-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const documents = [
  new Document({
    id: "a",
    content: "Il caffè è pronto",
    meta: { speaker: "Ada", nested: { n: 0.1 } },
    embedding: [1, 0, 0.5],
  }),
  new Document({ id: "b", content: "Tea is ready", meta: {}, embedding: [0, 1, 0.25] }),
  new Document({ id: "c", meta: { only: "meta" } }),
];

describe("InMemoryDocumentStore files", () => {
  it("saves and loads back documents, options and searches, replacing the file whole", async () => {
    const path = join(folder, "store.json");
    const store = new InMemoryDocumentStore({ analyzer: "italian", similarity: "dot", path });
    await store.write(documents);
    await store.save();
    await store.write([new Document({ id: "d", content: "caffè, caffè e ancora caffè" })]);
    await store.save();
    expect(readdirSync(folder).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const loaded = await InMemoryDocumentStore.load(path);
    expect(loaded.toConfig()).toEqual({ kind: "memory", analyzer: "italian", similarity: "dot", path });
    expect(await loaded.filter()).toEqual(await store.filter());
    expect((await loaded.keywordSearch("caffe")).map((document) => document.id)).toEqual(["d", "a"]);
    const [best] = await loaded.vectorSearch([1, 0, 0]);
    expect(best?.id).toBe("a");
    expect(best?.score).toBe(1);
  });

  it("refuses to save without a path, or into a missing folder, naming the file", async () => {
    const store = new InMemoryDocumentStore();
    await expect(store.save()).rejects.toThrow(/no file to save to/);
    const missing = join(folder, "missing", "store.json");
    await expect(store.save(missing)).rejects.toSatisfy(
      (error: Error) => DocumentStoreError.isInstance(error) && error.message.includes(missing),
    );
  });

  it("leaves no temporary file and the target untouched when the final rename fails", async () => {
    const target = join(folder, "a-folder.json");
    mkdirSync(target);
    const store = new InMemoryDocumentStore();
    await store.write(documents);
    await expect(store.save(target)).rejects.toThrow(DocumentStoreError);
    expect(readdirSync(folder).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(readdirSync(target)).toEqual([]);
  });

  it("refuses files that are not whole store files, naming them", async () => {
    const path = join(folder, "store-cut.json");
    const store = new InMemoryDocumentStore();
    await store.write(documents);
    await store.save(path);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length / 2));
    await expect(InMemoryDocumentStore.load(path)).rejects.toSatisfy(
      (error: Error) => DocumentStoreError.isInstance(error) && error.message.includes(path),
    );
    writeFileSync(path, JSON.stringify({ documents: [] }));
    await expect(InMemoryDocumentStore.load(path)).rejects.toThrow(/not a memory store file/);
    await expect(InMemoryDocumentStore.load(join(folder, "nothing.json"))).rejects.toThrow(/cannot read/);
  });
});

describe("InMemoryDocumentStore", () => {
  it("keeps a copy of metadata, so changing the written object does not change the store", async () => {
    const meta = { tags: ["a"], nested: { value: 1 } };
    const store = new InMemoryDocumentStore();
    await store.write([new Document({ id: "x", content: "text", meta })]);
    meta.tags.push("b");
    meta.nested.value = 2;
    const [stored] = await store.filter();
    expect(stored?.meta).toEqual({ tags: ["a"], nested: { value: 1 } });
  });

  it("refuses metadata that is not JSON, naming the document, and writes nothing", async () => {
    const store = new InMemoryDocumentStore();
    const bad = new Document({ id: "bad", content: "x", meta: { big: 10n } });
    await expect(store.write([new Document({ id: "ok", content: "y" }), bad])).rejects.toThrow(/document 'bad'/);
    expect(await store.count()).toBe(0);
  });

  it("refuses an embedding of another dimension inside a batch, writing nothing", async () => {
    const store = new InMemoryDocumentStore();
    await store.write([documents[0] as Document]);
    const batch = [
      new Document({ id: "n", content: "new", embedding: [1, 2, 3] }),
      new Document({ id: "w", embedding: [1] }),
    ];
    await expect(store.write(batch)).rejects.toThrow(/3-dimensional.*'w' has 1 values/);
    expect(await store.count()).toBe(1);
  });

  it("checks its options, naming the wrong one", () => {
    expect(() => new InMemoryDocumentStore({ similarity: "l2" as "dot" })).toThrow(/'similarity'/);
    expect(() => new InMemoryDocumentStore({ bm25: { b: 2 } })).toThrow(/'bm25.b'/);
    expect(() => new InMemoryDocumentStore({ bm25: { variant: "bm99" as "okapi" } })).toThrow(/'bm25.variant'/);
    expect(() => new InMemoryDocumentStore({ vectorStorage: "f16" as "int8" })).toThrow(/'vectorStorage'/);
    expect(() => new InMemoryDocumentStore({ colour: "red" } as object)).toThrow(/'colour' is unknown/);
    expect(() => new InMemoryDocumentStore({ analyzer: "klingon" as "standard" })).toThrow(/'klingon'/);
  });

  it("stores embeddings as int8 on request, ranking as float32 does on clear cases", async () => {
    const store = new InMemoryDocumentStore({ vectorStorage: "int8" });
    await store.write([
      new Document({ id: "near", embedding: [0.9, 0.1, 0, 0] }),
      new Document({ id: "far", embedding: [-0.5, 0.5, 0.5, 0] }),
      new Document({ id: "middle", embedding: [0.5, 0.5, 0, 0.1] }),
    ]);
    const found = await store.vectorSearch([1, 0, 0, 0], { similarity: "cosine" });
    expect(found.map((document) => document.id)).toEqual(["near", "middle", "far"]);
    expect(found[0]?.score).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 2);
    expect((await store.filter({ field: "id", operator: "==", value: "near" }))[0]?.embedding?.[0]).toBeCloseTo(0.9, 2);
  });

  it("returns exactly what exhaustive BM25 returns, pruned or not", async () => {
    const store = new InMemoryDocumentStore();
    const words = ["alpha", "beta", "gamma", "delta", "epsilon"];
    await store.write(
      Array.from({ length: 3000 }, (_, index) => {
        const content = Array.from(
          { length: 5 + (index % 17) },
          (_, position) => words[(index * 7 + position * position) % 5],
        ).join(" ");
        return new Document({ id: `d${index}`, content });
      }),
    );
    const statistics = { postings: 0, scored: 0 };
    const pruned = await store.keywordSearch("alpha epsilon", { topK: 10, statistics, pruneFrom: 0 });
    const exhaustive = await store.keywordSearch("alpha epsilon", { topK: 10, exhaustive: true });
    expect(pruned).toEqual(exhaustive);
    expect(statistics.scored).toBeLessThan(statistics.postings);
  });
});
