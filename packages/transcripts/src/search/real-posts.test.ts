/**
 * The show's real posts (`../shared/data/podcast/posts`, outside the repository; skipped when absent): every post
 * imports, a second import writes nothing, and searches find turns whose anchors are headings of their posts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteDocumentStore } from "@trama/sqlite";
import { afterAll, describe, expect, test } from "vitest";
import { headingAnchors, headingText } from "./heading-anchor.js";
import { importPosts, postFiles } from "./import-posts.js";
import { TranscriptSearch } from "./search-transcripts.js";

const posts = join(import.meta.dirname, "../../../../../shared/data/podcast/posts");
const present = existsSync(posts);
if (!present) console.warn(`Skipping the real-posts search test: ${posts} is absent (the shared test data).`);
const folder = mkdtempSync(join(tmpdir(), "trama-real-posts-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!present)("the show's real posts", () => {
  test("import every post once, and find turns at real anchors", async () => {
    const store = new SqliteDocumentStore({ path: join(folder, "real.db"), language: "italian" });
    try {
      const files = await postFiles(posts);
      const first = await importPosts({ posts, store });
      expect(first.posts).toHaveLength(files.length);
      expect(first.posts.every((post) => post.documents > 10)).toBe(true);
      expect((await importPosts({ posts, store })).written).toBe(0);
      const search = new TranscriptSearch({ store, glossary: [{ heard: "cloud", term: "Claude" }] });
      const hits = await search.search("intelligenze artificiali", { limit: 20 });
      expect(hits).toHaveLength(20);
      expect(hits.some((hit) => /intelligenza/i.test(hit.content))).toBe(true);
      for (const hit of [...hits, ...(await search.search("Claude", { limit: 20 }))]) {
        const file = files.find((path) => path.includes(hit.post))!;
        const anchors = headingAnchors();
        const ids = readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => /^##\s/.test(line))
          .map((line) => anchors.next(headingText(line)));
        const anchor = decodeURIComponent(hit.postUrl.split("#")[1] ?? "");
        expect(ids, `${hit.post} ${hit.postUrl}`).toContain(anchor);
      }
    } finally {
      await store.close();
    }
  });
});
