import { rmSync } from "node:fs";
import { join } from "node:path";
import { ComponentRegistry, type Document, Pipeline } from "@trama/core";
import { BM25Retriever, DocumentWriter, components as retrievalComponents } from "@trama/retrieval";
import { SqliteDocumentStore } from "@trama/sqlite";
import { afterAll, describe, expect, test } from "vitest";
import { components } from "../components.js";
import { episodePost, writePosts } from "./__fixtures__/posts.js";
import { ExpandQuery, PostToDocuments } from "./search-components.js";

const folder = writePosts();
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("search components", () => {
  test("an indexing and a search pipeline save to YAML, load back and run the same", async () => {
    const store = new SqliteDocumentStore({ path: join(folder, "components.db"), language: "italian" });
    const indexing = new Pipeline()
      .add("convert", PostToDocuments({ maxWords: 50 }))
      .add("writer", DocumentWriter({ store, policy: "overwrite" }))
      .connect("convert.documents", "writer.documents");
    const searching = new Pipeline()
      .add("expand", ExpandQuery({ glossary: [{ heard: "cloud", term: "Claude" }], inflections: "expand" }))
      .add("retriever", BM25Retriever({ store, topK: 3 }))
      .connect("expand.query", "retriever.query");
    const registry = new ComponentRegistry([...components, ...retrievalComponents]);
    const loadedIndexing = Pipeline.fromYAML(indexing.toYAML(), { registry });
    const loadedSearching = Pipeline.fromYAML(searching.toYAML(), { registry });
    expect(loadedIndexing.toYAML()).toBe(indexing.toYAML());
    expect(loadedSearching.toYAML()).toBe(searching.toYAML());
    expect(searching.toYAML()).toContain("kind: sqlite");

    const written = await loadedIndexing.run({ convert: { text: episodePost, file: "2026-03-07-Puntata42.md" } });
    expect(written.writer!.documentsWritten).toBe(4);
    const found = await loadedSearching.run({ expand: { query: "Claude" } });
    expect((found.retriever!.documents as Document[]).map((document) => document.meta.speaker)).toEqual(["Paolo"]);
    expect((await searching.run({ expand: { query: "Claude" } })).retriever).toEqual(found.retriever);
    await store.close();
  });
});
