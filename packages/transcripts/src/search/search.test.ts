/**
 * Import and search against real stores: the embedded SQLite store (the default) and the in-memory store with its
 * Italian analyzer; semantic and hybrid search through a loopback embedding server speaking OpenAI's API.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@trama/core";
import { type LoopbackServer, sendJson, startLoopbackServer } from "@trama/models/testing";
import { type DocumentStore, InMemoryDocumentStore } from "@trama/retrieval";
import { SqliteDocumentStore } from "@trama/sqlite";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { writePosts } from "./__fixtures__/posts.js";
import { importPosts } from "./import-posts.js";
import { expandQuery, inflections } from "./query-terms.js";
import { TranscriptSearch } from "./search-transcripts.js";

const folders: string[] = [];
const stores: DocumentStore[] = [];
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close?.()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function posts(): string {
  const folder = writePosts();
  folders.push(folder);
  return folder;
}

function sqliteStore(folder: string): SqliteDocumentStore {
  const store = new SqliteDocumentStore({ path: join(folder, "transcripts.db"), language: "italian" });
  stores.push(store);
  return store;
}

const glossary = [{ heard: "cloud", term: "Claude" }];

describe("importPosts", () => {
  test("imports every turn once; an unchanged post writes nothing the second time", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    const progress: string[] = [];
    const first = await importPosts({
      posts: folder,
      store,
      onProgress: ({ done, total, file, status }) => progress.push(`${done}/${total} ${file} ${status}`),
    });
    expect(progress).toEqual([
      "1/2 2026-02-04-Intervista-Alessandro-Maserati.md indexed",
      "2/2 2026-03-07-Puntata42.md indexed",
    ]);
    expect([first.written, await store.count()]).toEqual([6, 6]);
    const ids = (await store.filter()).map((document) => document.id);
    const second = await importPosts({ posts: folder, store });
    // Each post as listed from the folder: its path (the file read) and its slug, besides its name.
    const listed = (file: string, slug: string, documents: number) =>
      ({ file, path: join(folder, file), slug, status: "unchanged", documents }) as const;
    expect(second).toEqual({
      posts: [
        listed("2026-02-04-Intervista-Alessandro-Maserati.md", "Intervista-Alessandro-Maserati", 2),
        listed("2026-03-07-Puntata42.md", "Puntata42", 4),
      ],
      written: 0,
      deleted: 0,
      folder,
      removed: [],
      failed: [],
    });
    expect((await store.filter()).map((document) => document.id)).toEqual(ids);
  });

  test("a changed post replaces its documents and leaves the other posts alone", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store });
    const file = join(folder, "2026-03-07-Puntata42.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("alla prossima puntata.", "alla prossima avventura."));
    const report = await importPosts({ posts: folder, store });
    expect(report.posts.map((post) => post.status)).toEqual(["unchanged", "replaced"]);
    expect([report.written, report.deleted, await store.count()]).toEqual([4, 4, 6]);
    const search = new TranscriptSearch({ store });
    expect(await search.search("avventura")).toHaveLength(1);
    expect(await search.search("puntata")).toEqual([]);
  });

  test("a failed import leaves the post's old documents; a crash between write and delete is repaired", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store });
    const before = (await store.filter()).map((document) => document.id);
    const file = join(folder, "2026-03-07-Puntata42.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Grazie a tutti", "Grazie davvero a tutti"));
    // The embedding server fails: the new documents are never written, and nothing is deleted.
    const failing = await startLoopbackServer({
      "POST /v1/embeddings": (_request, response) => sendJson(response, 503, { error: { message: "overloaded" } }),
    });
    servers.push(failing);
    const failed = importPosts({
      posts: [file],
      store,
      embedder: `openai-compatible:${failing.url}/v1#embedder`,
    });
    await expect(failed).rejects.toThrow(/Importing .*2026-03-07-Puntata42\.md into the sqlite store .* failed: .*503/);
    expect((await store.filter()).map((document) => document.id)).toEqual(before);
    // As if the process died after the atomic write and before the delete: both versions stored.
    const { postDocuments } = await import("./post-documents.js");
    const next = postDocuments({ text: readFileSync(file, "utf8"), file });
    await store.write(next.documents);
    expect(await store.count()).toBe(10);
    const repaired = await importPosts({ posts: folder, store });
    expect(repaired.posts.map((post) => post.status)).toEqual(["unchanged", "repaired"]);
    expect([repaired.written, repaired.deleted, await store.count()]).toEqual([0, 4, 6]);
  });

  test("re-importing a folder removes the posts whose files are gone, and only that folder's", async () => {
    const folder = posts();
    const other = mkdtempSync(join(tmpdir(), "trama-transcripts-other-"));
    folders.push(other);
    copyFileSync(join(folder, "2026-03-07-Puntata42.md"), join(other, "2026-04-01-Puntata43.md"));
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store });
    await importPosts({ posts: other, store });
    rmSync(join(folder, "2026-02-04-Intervista-Alessandro-Maserati.md"));
    // A list of files is not a folder to mirror: nothing is removed.
    expect((await importPosts({ posts: [join(folder, "2026-03-07-Puntata42.md")], store })).removed).toEqual([]);
    expect(await store.count()).toBe(10);
    const report = await importPosts({ posts: folder, store });
    expect(report).toMatchObject({
      folder,
      removed: [{ file: "2026-02-04-Intervista-Alessandro-Maserati.md", documents: 2 }],
      written: 0,
      deleted: 2,
    });
    // The other folder's post stays.
    const files = new Set((await store.filter()).map((document) => document.meta.post_file));
    expect([...files].sort()).toEqual(["2026-03-07-Puntata42.md", "2026-04-01-Puntata43.md"]);
    expect(await new TranscriptSearch({ store }).search("Maserati")).toEqual([]);
    // An emptied folder (say, unmounted) removes nothing.
    rmSync(join(folder, "2026-03-07-Puntata42.md"));
    expect((await importPosts({ posts: folder, store })).removed).toEqual([]);
    expect(await store.count()).toBe(8);
  });

  test("documents stored before posts recorded their folder get it, and are removed when their post is gone", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    const { postDocuments } = await import("./post-documents.js");
    for (const name of ["2026-02-04-Intervista-Alessandro-Maserati.md", "2026-03-07-Puntata42.md"]) {
      const file = join(folder, name);
      const { documents } = postDocuments({ text: readFileSync(file, "utf8"), file });
      const older = documents.map((document) => {
        const { post_folder: _folder, ...meta } = document.meta;
        return new Document({ ...document.toJSON(), meta });
      });
      await store.write(older);
    }
    rmSync(join(folder, "2026-02-04-Intervista-Alessandro-Maserati.md"));
    const report = await importPosts({ posts: folder, store });
    expect(report.posts.map((post) => post.status)).toEqual(["unchanged"]);
    expect([report.written, report.deleted, report.removed]).toEqual([
      4,
      2,
      [{ file: "2026-02-04-Intervista-Alessandro-Maserati.md", documents: 2 }],
    ]);
    expect((await store.filter()).map((document) => document.meta.post_folder)).toEqual(Array(4).fill(folder));
  });

  test("a failed import removes nothing", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store });
    rmSync(join(folder, "2026-02-04-Intervista-Alessandro-Maserati.md"));
    const file = join(folder, "2026-03-07-Puntata42.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Grazie a tutti", "Grazie davvero a tutti"));
    const failing = await startLoopbackServer({
      "POST /v1/embeddings": (_request, response) => sendJson(response, 503, { error: { message: "overloaded" } }),
    });
    servers.push(failing);
    await expect(
      importPosts({ posts: folder, store, embedder: `openai-compatible:${failing.url}/v1#embedder` }),
    ).rejects.toThrow(/Puntata42\.md .* failed/);
    expect(await store.count()).toBe(6);
  });

  test("a missing folder is named", async () => {
    const store = new InMemoryDocumentStore();
    await expect(importPosts({ posts: "/no/such/posts", store })).rejects.toThrow(
      "Cannot read the posts at /no/such/posts (ENOENT)",
    );
  });
});

describe("keyword search", () => {
  const cases: Array<[string, (folder: string) => DocumentStore]> = [
    ["sqlite", sqliteStore],
    ["memory", () => new InMemoryDocumentStore({ analyzer: "italian" })],
  ];
  for (const [kind, open] of cases) {
    test(`Italian inflections, accents and glossary synonyms (${kind} store)`, async () => {
      const folder = posts();
      const store = open(folder);
      await importPosts({ posts: folder, store });
      const search = new TranscriptSearch({ store, glossary });
      // "intelligenze" finds "intelligenza" and the other way round.
      const plural = await search.search("intelligenze");
      expect(plural.map((hit) => hit.speaker).sort()).toEqual(["Alessandro Maserati", "Stefano"]);
      expect((await search.search("intelligenza")).map((hit) => hit.speaker).sort()).toEqual([
        "Alessandro Maserati",
        "Stefano",
      ]);
      // Accents fold: "novita" finds "novità".
      expect((await search.search("novita")).map((hit) => hit.speaker)).toEqual(["Stefano"]);
      // The glossary: "Claude" also finds what speech recognition wrote as "cloud", and back.
      const claude = await search.search("Claude");
      expect(claude.map((hit) => hit.speaker).sort()).toEqual(["Alessandro Maserati", "Paolo"]);
      expect((await search.search("cloud")).map((hit) => hit.speaker).sort()).toEqual(["Alessandro Maserati", "Paolo"]);
      expect(await new TranscriptSearch({ store }).search("Claude")).toHaveLength(1);
      // Only stopwords: nothing to look for.
      expect(await search.search("di che cosa")).toEqual([]);
    });
  }

  test("hits carry episode, time, links and a highlighted, escaped snippet", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store });
    const search = new TranscriptSearch({ store, site: { baseUrl: "https://example.org", permalink: "pretty" } });
    const [hit] = await search.search("ebook cartacei");
    expect(hit).toMatchObject({
      post: "Puntata42",
      episode: 42,
      date: "2026-03-07",
      speaker: "Alessio",
      chapter: "Il libro come medium nell'era AI: ebook vs cartaceo",
      start: 329,
      time: "05:29",
      postUrl:
        "https://example.org/puntate/2026/03/07/Puntata42/#0529-il-libro-come-medium-nellera-ai-ebook-vs-cartaceo",
      videoUrl: "https://www.youtube.com/watch?v=nitLzgXt33M&t=329s",
    });
    expect(hit!.snippet.html).toBe(
      "Il libro resta un medium straordinario. &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; Ma <mark>l&#39;ebook</mark> è comodo.",
    );
    const [late] = await search.search("prossima");
    expect([late!.time, late!.videoUrl]).toEqual(["1:02:03", "https://www.youtube.com/watch?v=nitLzgXt33M&t=3723s"]);
  });

  test("filters narrow the search to an episode", async () => {
    const folder = posts();
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store });
    const search = new TranscriptSearch({ store });
    const filters = { field: "meta.episode", operator: "==", value: 42 } as const;
    expect((await search.search("intelligenze", { filters })).map((hit) => hit.speaker)).toEqual(["Stefano"]);
  });
});

describe("query expansion", () => {
  test("inflections of long words, stopwords dropped, glossary both ways", () => {
    expect(inflections("intelligenze")).toContain("intelligenza");
    expect(inflections("bambini")).toEqual(expect.arrayContaining(["bambino", "bambina", "bambine"]));
    expect(inflections("gatto")).toEqual(["gatto"]);
    expect(expandQuery("l'intelligenza di Claude", { glossary, inflections: "none" })).toEqual({
      words: ["intelligenza", "claude", "cloud"],
      terms: ["intelligenz", "claud", "cloud"],
    });
  });
});

describe("semantic and hybrid search", () => {
  test("through a loopback embedding server", async () => {
    // Embeddings that point at the topic a text is about: enough for nearest-neighbour search to find it.
    const topics = ["libro", "grazie", "intelligenz", "claude"];
    const embed = (text: string) => [...topics.map((topic) => (text.toLowerCase().includes(topic) ? 1 : 0)), 0.1];
    const server = await startLoopbackServer({
      "POST /v1/embeddings": (request, response) => {
        const inputs = ([] as string[]).concat(request.body.input as string | string[]);
        sendJson(response, 200, {
          object: "list",
          model: "embedder",
          data: inputs.map((text, index) => ({ object: "embedding", index, embedding: embed(text) })),
          usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
        });
      },
    });
    servers.push(server);
    const embedder = `openai-compatible:${server.url}/v1#embedder`;
    const folder = posts();
    const store = sqliteStore(folder);
    await importPosts({ posts: folder, store, embedder });
    expect((await store.filter()).every((document) => document.embedding?.length === 5)).toBe(true);
    const search = new TranscriptSearch({ store, embedder });
    // No shared word, same topic: only the embedding finds it.
    const [semantic] = await search.search("un bel libro", { mode: "semantic", limit: 1 });
    expect(semantic!.speaker).toBe("Alessio");
    const hybrid = await search.search("grazie", { limit: 2 });
    expect(hybrid[0]!.chapter).toBe("Chiusura");
    await expect(new TranscriptSearch({ store }).search("x", { mode: "hybrid" })).rejects.toThrow(
      /hybrid search needs an embedder/,
    );
  });
});
