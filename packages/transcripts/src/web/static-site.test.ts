/**
 * The static search site: what it writes, and the browser's search engine (`client/search-engine.js`) checked against
 * the server's Italian analyzer and the in-memory store's BM25 on the same turns.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { InMemoryDocumentStore } from "@trama/retrieval";
import { afterAll, describe, expect, test } from "vitest";
import { writePosts } from "../search/__fixtures__/posts.js";
import { importPosts, postFiles } from "../search/import-posts.js";
import { postDocuments } from "../search/post-documents.js";
import { italianAnalyzer } from "../search/query-terms.js";
import { buildSearchSite, type SearchSiteIndex } from "./static-site.js";

interface Engine {
  italianAnalysis(lists: { stopwords: readonly string[]; elisions: readonly string[] }): {
    tokens(text: string): string[];
  };
  createSearch(index: SearchSiteIndex): {
    search(
      query: string,
      options?: { limit?: number },
    ): Array<{ id: string; speaker: string; score: number; snippet: { parts: Array<{ text: string; mark?: true }> } }>;
  };
}
const engine = (await import(pathToFileURL(join(import.meta.dirname, "client/search-engine.js")).href)) as Engine;

const posts = writePosts();
const out = mkdtempSync(join(tmpdir(), "trama-transcripts-site-"));
afterAll(() => {
  rmSync(posts, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});
const realPosts = join(import.meta.dirname, "../../../../../shared/data/podcast/posts");

describe("buildSearchSite", () => {
  test("writes the page, its scripts and the index of every turn with its links", async () => {
    // A file that is not a post is left out and named, with its line; the posts are all indexed.
    writeFileSync(join(posts, "README.md"), "# Notes\n\nNot a post.\n");
    const built = await buildSearchSite({ posts, out, glossary: [{ heard: "cloud", term: "Claude" }] });
    rmSync(join(posts, "README.md"));
    expect(built.skipped).toEqual([expect.stringMatching(/README\.md:1: .*front matter/)]);
    expect(built.documents).toBe(6);
    expect(readdirSync(out).sort()).toEqual(
      ["index.html", "results-view.js", "search-engine.js", "search-index.json", "site.js", "styles.css"].sort(),
    );
    const index = JSON.parse(readFileSync(join(out, "search-index.json"), "utf8")) as SearchSiteIndex;
    expect(index.documents.find((document) => document.speaker === "Alessio")).toMatchObject({
      time: "05:29",
      postUrl: "/puntate/2026/03/07/Puntata42.html#0529-il-libro-come-medium-nellera-ai-ebook-vs-cartaceo",
      videoUrl: "https://www.youtube.com/watch?v=nitLzgXt33M&t=329s",
    });
    const search = engine.createSearch(index);
    expect(
      search
        .search("intelligenze")
        .map((hit) => hit.speaker)
        .sort(),
    ).toEqual(["Alessandro Maserati", "Stefano"]);
    expect(
      search
        .search("Claude")
        .map((hit) => hit.speaker)
        .sort(),
    ).toEqual(["Alessandro Maserati", "Paolo"]);
    const [ebook] = search.search("ebook");
    expect(ebook!.snippet.parts.filter((part) => part.mark).map((part) => part.text)).toEqual(["l'ebook"]);
  });

  test("the browser's analyzer gives the server's tokens", async () => {
    const files = existsSync(realPosts) ? await postFiles(realPosts) : await postFiles(posts);
    const browser = engine.italianAnalysis(JSON.parse(readFileSync(join(out, "search-index.json"), "utf8")));
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(browser.tokens(text), file).toEqual(italianAnalyzer(text));
    }
  });

  test("the browser's ranking is the in-memory store's BM25", async () => {
    const files = existsSync(realPosts) ? (await postFiles(realPosts)).slice(0, 6) : await postFiles(posts);
    const store = new InMemoryDocumentStore({ analyzer: "italian" });
    await importPosts({ posts: files, store });
    const index = JSON.parse(readFileSync(join(out, "search-index.json"), "utf8")) as SearchSiteIndex;
    index.documents = files.flatMap((file) =>
      postDocuments({ text: readFileSync(file, "utf8"), file }).documents.map((document) => ({
        id: document.id,
        content: document.content,
        speaker: document.meta.speaker,
      })),
    );
    const search = engine.createSearch(index);
    for (const query of ["intelligenza artificiale", "modelli linguistici", "agenti", "libro"]) {
      const expected = await store.keywordSearch(query, { topK: 5 });
      const found = search.search(query, { limit: 5 });
      expect(
        found.map((hit) => hit.id),
        query,
      ).toEqual(expected.map((document) => document.id));
      for (const [rank, hit] of found.entries()) expect(hit.score).toBeCloseTo(expected[rank]!.score!, 6);
    }
  });
});
