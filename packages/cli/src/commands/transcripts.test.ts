import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCliCaptured } from "../testing.js";

const folder = mkdtempSync(join(tmpdir(), "trama-transcripts-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const good = `---
title: "Titolo"
layout: single
categories:
  - Puntate
tags:
  - AI
---

## **[00:00] Intro**

**Stefano Maestri**

> Ciao.

## **[05:09] Fine**

**Paolo Antinori**

> Ciao a tutti.
`;
const bad = `\n${good.replace("## **[05:09] Fine**", "## [05:09] Fine\n\n## **[04:00] Indietro**").replace("**Paolo Antinori**", "**Paolo**")}`;
writeFileSync(join(folder, "good.md"), good);
writeFileSync(join(folder, "bad.md"), bad);
writeFileSync(join(folder, "roster.txt"), "Stefano Maestri\nPaolo Antinori\n");

describe("trama transcripts", () => {
  test("lists its subcommands and shows a subcommand's usage", async () => {
    const help = await runCliCaptured(["transcripts", "help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/validate\s+Check published posts/);
    const validateHelp = await runCliCaptured(["transcripts", "help", "validate"]);
    expect(validateHelp.stdout).toContain("Usage: trama transcripts validate");
    const unknown = await runCliCaptured(["transcripts", "frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown subcommand 'frobnicate'");
  });
});

describe("trama transcripts import", () => {
  test("its help describes the folder or files it imports, not search's --posts", async () => {
    const help = await runCliCaptured(["transcripts", "import", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: trama transcripts import [<posts folder | post.md …>] [options]");
    expect(help.stdout).toMatch(/<posts folder>\s+A folder of posts, such as the site's _posts/);
    expect(help.stdout).toMatch(/--posts <folder>\s+The folder to import when no folder or file is given/);
    expect(help.stdout).not.toContain("Import this folder of posts first");
    // The search commands import --posts before searching, and say so.
    const search = await runCliCaptured(["transcripts", "search", "--help"]);
    expect(search.stdout).toContain("Import this folder of posts first");
  });

  test("an empty folder imports nothing and still ends with the summary line", async () => {
    mkdirSync(join(folder, "empty"));
    const env = { TRAMA_DATA_DIR: join(folder, "data") };
    const run = await runCliCaptured(["transcripts", "import", "empty"], { cwd: folder, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("Importing posts:   0% 0/0 posts 0 new or changed, 0 unchanged\n");
    expect(run.stdout).toMatch(/^0 posts imported into sqlite:.*: 0 documents written, 0 deleted, 0 in all\.\n$/);
  });
});

describe("trama transcripts validate", () => {
  test("a good post passes with exit code 0", async () => {
    const run = await runCliCaptured(["transcripts", "validate", "good.md", "--roster-file", "roster.txt"], {
      cwd: folder,
    });
    expect(run).toEqual({ code: 0, stdout: "good.md: ok\n1 post: no errors, 0 warnings.\n", stderr: "" });
  });

  test("prints each finding with file and line and exits 1 on errors; a folder means its .md files", async () => {
    const run = await runCliCaptured(["transcripts", "validate", ".", "--roster", "Stefano Maestri, Paolo Antinori"], {
      cwd: folder,
    });
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toContain(
      "bad.md:1: error [front-matter-at-byte-0] The front matter starts after 1 blank line; Jekyll reads front matter only at byte 0, so it would publish this post as a plain page. Remove them.",
    );
    expect(lines.some((line) => line.startsWith("bad.md:17: warning [heading-style]"))).toBe(true);
    expect(lines.some((line) => line.startsWith("bad.md:19: error [chapter-order]"))).toBe(true);
    expect(
      lines.some((line) => line.startsWith("bad.md:21: error [speaker-roster]") && line.includes('"Paolo Antinori"')),
    ).toBe(true);
    expect(lines).toContain("good.md: ok");
    expect(lines.at(-1)).toBe("2 posts: 1 with errors, 1 warning.");
  });

  test("--json and --errors-only", async () => {
    const json = await runCliCaptured(["transcripts", "validate", "bad.md", "--json"], { cwd: folder });
    const [result] = JSON.parse(json.stdout) as Array<{
      file: string;
      valid: boolean;
      issues: Array<{ rule: string }>;
    }>;
    expect(result!.file).toBe("bad.md");
    expect(result!.valid).toBe(false);
    expect(result!.issues.map((issue) => issue.rule)).not.toContain("speaker-roster");
    const errorsOnly = await runCliCaptured(["transcripts", "validate", "bad.md", "--errors-only"], { cwd: folder });
    expect(errorsOnly.stdout).not.toContain("warning [");
  });

  test("usage errors exit 2 with the subcommand's usage", async () => {
    const none = await runCliCaptured(["transcripts", "validate"], { cwd: folder });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Name at least one post or folder.");
    expect(none.stderr).toContain("Usage: trama transcripts validate");
    expect((await runCliCaptured(["transcripts", "validate", "missing.md"], { cwd: folder })).stderr).toContain(
      "'missing.md' does not exist.",
    );
    expect((await runCliCaptured(["transcripts", "validate", "good.md", "--strict"], { cwd: folder })).code).toBe(2);
  });
});
