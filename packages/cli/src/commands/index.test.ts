import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DocumentStore, resolveDocumentStore } from "@trama/retrieval";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.js";

const root = mkdtempSync(join(tmpdir(), "trama-index-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of documents to index: text, Markdown with front matter, HTML in a subfolder, a damaged PDF, a hidden file. */
function project(name: string): string {
  const folder = join(root, name);
  mkdirSync(join(folder, "docs", "web"), { recursive: true });
  writeFileSync(
    join(folder, "docs", "france.txt"),
    "Paris is the capital of France. It lies on the Seine. The Louvre is in Paris. Lyon is the third city. " +
      "Marseille is a port. Bordeaux makes wine.",
  );
  writeFileSync(
    join(folder, "docs", "italia.md"),
    "---\ntitle: Italia\nlang: it\n---\n# L'Italia\n\nRoma è la capitale d'Italia. Il Sig. Rossi abita a Milano.",
  );
  writeFileSync(
    join(folder, "docs", "web", "page.html"),
    "<html><body><p>Berlin is the capital of Germany.</p></body></html>",
  );
  writeFileSync(join(folder, "docs", "broken.pdf"), "not a pdf");
  writeFileSync(join(folder, "docs", ".hidden.txt"), "never indexed");
  writeFileSync(join(folder, "docs", "image.png"), "skipped in folders");
  return folder;
}

async function storedChunks(
  path: string,
): Promise<{ store: DocumentStore; chunks: Awaited<ReturnType<DocumentStore["filter"]>> }> {
  const store = await resolveDocumentStore(`sqlite:${path}`);
  return { store, chunks: await store.filter() };
}

describe("trama index", () => {
  it("indexes every readable file into SQLite, reports the unreadable one with the reason, and exits with 1", async () => {
    const folder = project("first");
    const run = await runCliCaptured(
      ["index", "docs", "missing.txt", "--store", "sqlite:./trama.db", "--split-length", "2"],
      {
        cwd: folder,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("trama index: cannot read missing.txt: the file does not exist.");
    // Said once: a missing path alone is not also "no files to index".
    const missing = await runCliCaptured(["index", "missing.txt", "--store", "sqlite:./other.db"], { cwd: folder });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("trama index: cannot read missing.txt: the file does not exist.\n");
    expect(run.stderr).toContain("trama index: cannot index docs/broken.pdf: it is not a valid PDF file.");
    expect(run.stderr).toMatch(/Indexing: 100% 4\/4 files/);
    expect(run.stdout).toMatch(
      /^Indexed 3 of 4 files into sqlite:.*trama\.db: (\d+) chunks written, 0 unchanged, 0 removed\.\n$/,
    );

    const { store, chunks } = await storedChunks(join(folder, "trama.db"));
    try {
      expect(new Set(chunks.map((chunk) => chunk.meta.file_path))).toEqual(
        new Set(["docs/france.txt", "docs/italia.md", "docs/web/page.html"]),
      );
      // Every chunk of the text file is an exact slice of the file, with its offsets.
      const text = readFileSync(join(folder, "docs", "france.txt"), "utf8");
      const france = chunks.filter((chunk) => chunk.meta.file_path === "docs/france.txt");
      expect(france.length).toBe(5);
      for (const chunk of france) {
        const { start, end } = chunk.meta.source_offsets as { start: number; end: number };
        expect(text.slice(start, end)).toBe(chunk.content);
      }
      const italia = chunks.find((chunk) => chunk.meta.file_path === "docs/italia.md")!;
      expect(italia.meta).toMatchObject({ title: "Italia", lang: "it" });
      expect(run.stdout).toContain(`${chunks.length} chunks written`);
    } finally {
      await store.close?.();
    }
  });

  it("does not duplicate files indexed again, and replaces the chunks of a changed file", async () => {
    const folder = project("again");
    const args = [
      "index",
      "docs/france.txt",
      "docs/web",
      "--split-by",
      "sentence",
      "--split-length",
      "3",
      "--overlap",
      "0",
    ];
    const first = await runCliCaptured(args, { cwd: folder });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      `Indexed 2 of 2 files into sqlite:${join(folder, "trama.db")}: 3 chunks written, 0 unchanged, 0 removed.\n`,
    );
    const again = await runCliCaptured(args, { cwd: folder });
    expect(again.stdout).toContain(": 0 chunks written, 3 unchanged, 0 removed.");

    writeFileSync(join(folder, "docs", "france.txt"), "Paris is the capital of France. Nice is on the coast.");
    const changed = await runCliCaptured(args, { cwd: folder });
    expect(changed.stdout).toContain(": 1 chunks written, 1 unchanged, 2 removed.");
    const { store, chunks } = await storedChunks(join(folder, "trama.db"));
    try {
      expect(chunks.map((chunk) => chunk.content).sort()).toEqual([
        "Berlin is the capital of Germany.",
        "Paris is the capital of France. Nice is on the coast.",
      ]);
    } finally {
      await store.close?.();
    }
  });

  it("writes to an in-memory store saved to its file, and refuses bad options", async () => {
    const folder = project("memory");
    const run = await runCliCaptured(["index", "docs/france.txt", "--store", "memory:./store.json"], { cwd: folder });
    expect(run.code).toBe(0);
    const store = await resolveDocumentStore(`memory:${join(folder, "store.json")}`);
    expect(await store.count()).toBeGreaterThan(0);

    const noPaths = await runCliCaptured(["index"], { cwd: folder });
    expect([noPaths.code, noPaths.stderr]).toEqual([2, expect.stringContaining("Name the files or folders to index")]);
    const badSplit = await runCliCaptured(["index", "docs", "--split-by", "chapter"], { cwd: folder });
    expect(badSplit.stderr).toContain("--split-by takes sentence, word, passage, page, line, token, not 'chapter'.");
    const badOverlap = await runCliCaptured(["index", "docs", "--split-length", "2", "--overlap", "2"], {
      cwd: folder,
    });
    expect(badOverlap.stderr).toContain("--overlap (2) must be smaller than --split-length (2).");
  });
});
