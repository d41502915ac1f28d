/** What an import reports of each post: the file read, as given, and the slug its documents carry. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { InMemoryDocumentStore } from "@trama/retrieval";
import { afterAll, describe, expect, test } from "vitest";
import { episodePost, writePosts } from "./__fixtures__/posts.js";
import { describeFailed, importPosts } from "./import-posts.js";

const folder = writePosts("trama-transcripts-import-");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("importPosts report", () => {
  test("a list of files: each post's path as given and its slug, the front matter's when it has one", async () => {
    const renamed = join(folder, "2026-03-14-Puntata43.md");
    writeFileSync(renamed, episodePost.replace("layout: single", "layout: single\nslug: agenti-e-modelli"));
    // Relative, as a command line gives it: the report keeps it so.
    const given = [relative(process.cwd(), renamed), join(folder, "2026-03-07-Puntata42.md")];
    const store = new InMemoryDocumentStore();
    const report = await importPosts({ posts: given, store });
    expect(report.posts.map(({ file, path, slug, status }) => ({ file, path, slug, status }))).toEqual([
      { file: "2026-03-14-Puntata43.md", path: given[0], slug: "agenti-e-modelli", status: "indexed" },
      { file: "2026-03-07-Puntata42.md", path: given[1], slug: "Puntata42", status: "indexed" },
    ]);
    // The same slug the post's documents carry (`post`), which links and the web app's pages go by.
    const slugs = new Set((await store.filter()).map((document) => document.meta.post));
    expect([...slugs].sort()).toEqual(["Puntata42", "agenti-e-modelli"]);
    expect(report.folder).toBeUndefined();
  });

  test("a file that is not a post is skipped and named with the line at fault; the others are imported", async () => {
    const posts = mkdtempSync(join(tmpdir(), "trama-transcripts-skip-"));
    try {
      writeFileSync(join(posts, "2026-03-07-Puntata42.md"), episodePost);
      writeFileSync(join(posts, "2026-03-14-Puntata43.md"), episodePost.replace("Puntata 42", "Puntata 43"));
      writeFileSync(join(posts, "README.md"), "# Notes\n\nNot a post.\n");
      const store = new InMemoryDocumentStore();
      const first = await importPosts({ posts, store });
      expect(first.posts.map((post) => post.file)).toEqual(["2026-03-07-Puntata42.md", "2026-03-14-Puntata43.md"]);
      expect(first.failed.map((post) => post.file)).toEqual(["README.md"]);
      expect(describeFailed(first)[0]).toMatch(/^Skipped .*README\.md:1: .*front matter.* Fix it and import again\.$/);
      // A post broken after it was imported keeps its documents (its file is still there), and is named.
      const before = await store.count();
      writeFileSync(join(posts, "2026-03-14-Puntata43.md"), '---\ntitle: "Puntata 43\n---\nbody\n');
      const second = await importPosts({ posts, store });
      expect(second.failed.map((post) => post.file)).toEqual(["2026-03-14-Puntata43.md", "README.md"]);
      expect(second.failed[0]!.message).toMatch(/2026-03-14-Puntata43\.md:2: expected valid YAML/);
      expect(second.removed).toEqual([]);
      expect(await store.count()).toBe(before);
    } finally {
      rmSync(posts, { recursive: true, force: true });
    }
  });
});
