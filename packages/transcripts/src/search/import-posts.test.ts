/** What an import reports of each post: the file read, as given, and the slug its documents carry. */
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { InMemoryDocumentStore } from "@trama/retrieval";
import { afterAll, describe, expect, test } from "vitest";
import { episodePost, writePosts } from "./__fixtures__/posts.js";
import { importPosts } from "./import-posts.js";

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
});
