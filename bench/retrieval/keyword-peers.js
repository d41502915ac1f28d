/**
 * The keyword search libraries the benchmark compares, each as `build(documents)` returning `search(query)` that
 * resolves to the indexes of the ten best documents. Documents are strings of lower-case words; queries are two words,
 * matched with OR. Every library is used as its documentation suggests, with default ranking settings.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReference, searchReference } from "./reference-bm25.js";

const TOP = 10;

const temporaryFolder = () => mkdtempSync(join(tmpdir(), "trama-bench-"));

/** Writes the documents into one of our stores (ids are their indexes) and returns its keyword search. */
async function searchStore(store, documents) {
  const { Document } = await import("@trama/core");
  for (let first = 0; first < documents.length; first += 10_000) {
    const batch = documents
      .slice(first, first + 10_000)
      .map((content, offset) => new Document({ id: String(first + offset), content }));
    await store.write(batch);
  }
  const search = async (query) =>
    (await store.keywordSearch(query, { topK: TOP })).map((document) => Number(document.id));
  return search;
}

/**
 * Trama's in-memory search, also counting the postings its query terms hold and those it scored (`pruning`), which
 * shows how much of the lists pruning left unread.
 */
async function searchCounting(store, documents) {
  await searchStore(store, documents);
  const pruning = { postings: 0, scored: 0 };
  const statistics = { postings: 0, scored: 0 };
  const search = async (query) => {
    const found = await store.keywordSearch(query, { topK: TOP, statistics });
    pruning.postings += statistics.postings;
    pruning.scored += statistics.scored;
    return found.map((document) => Number(document.id));
  };
  search.pruning = pruning;
  return search;
}

export const keywordPeers = {
  reference: {
    label: "reference: exhaustive BM25, typed arrays",
    async build(documents) {
      const index = buildReference(documents);
      return (query) => searchReference(index, query, TOP);
    },
  },

  trama: {
    label: "Trama InMemoryDocumentStore",
    async build(documents) {
      const { InMemoryDocumentStore } = await import("@trama/retrieval");
      return searchCounting(new InMemoryDocumentStore(), documents);
    },
  },

  tramaSqlite: {
    label: "Trama SqliteDocumentStore (FTS5)",
    async build(documents) {
      const { SqliteDocumentStore } = await import("@trama/sqlite");
      const folder = temporaryFolder();
      process.on("exit", () => rmSync(folder, { recursive: true, force: true }));
      return searchStore(new SqliteDocumentStore({ path: join(folder, "bench.db") }), documents);
    },
  },

  fts5: {
    label: "SQLite FTS5 (better-sqlite3, direct)",
    async build(documents) {
      const { default: Database } = await import("better-sqlite3");
      const database = new Database(":memory:");
      database.exec("CREATE VIRTUAL TABLE docs USING fts5(text)");
      const insert = database.prepare("INSERT INTO docs(rowid, text) VALUES (?, ?)");
      database.transaction(() => {
        documents.forEach((text, index) => {
          insert.run(index, text);
        });
      })();
      const search = database.prepare("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10").pluck();
      return (query) => search.all(query.split(" ").join(" OR "));
    },
  },

  minisearch: {
    label: "MiniSearch 7",
    async build(documents) {
      const { default: MiniSearch } = await import("minisearch");
      const index = new MiniSearch({ fields: ["text"], idField: "id" });
      index.addAll(documents.map((text, id) => ({ id, text })));
      return (query) =>
        index
          .search(query, { combineWith: "OR" })
          .slice(0, TOP)
          .map((hit) => hit.id);
    },
  },

  orama: {
    label: "Orama 3",
    async build(documents) {
      const { create, insertMultiple, search } = await import("@orama/orama");
      const database = create({ schema: { text: "string" } });
      await insertMultiple(
        database,
        documents.map((text, id) => ({ id: String(id), text })),
        5_000,
      );
      return async (query) => (await search(database, { term: query, limit: TOP })).hits.map((hit) => Number(hit.id));
    },
  },

  flexsearch: {
    label: "FlexSearch 0.8",
    async build(documents) {
      const { default: FlexSearch } = await import("flexsearch");
      const index = new FlexSearch.Index();
      documents.forEach((text, id) => {
        index.add(id, text);
      });
      // `suggest` returns documents holding some of the words (OR); without it FlexSearch intersects (AND).
      return (query) => index.search(query, { limit: TOP, suggest: true });
    },
  },

  wink: {
    label: "wink-bm25-text-search 3",
    async build(documents) {
      const { default: bm25 } = await import("wink-bm25-text-search");
      const engine = bm25();
      engine.defineConfig({ fldWeights: { text: 1 } });
      engine.definePrepTasks([(text) => text.split(" ")]);
      documents.forEach((text, id) => {
        engine.addDoc({ text }, id);
      });
      engine.consolidate();
      return (query) => engine.search(query, TOP).map(([id]) => id);
    },
  },
};
