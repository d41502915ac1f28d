/**
 * Every TypeScript snippet of the READMEs (and any other Markdown file at the root or at the top of a package) is
 * code a reader can paste into their own file: it passes the repository's lint (`biome check` with biome.json) and
 * typechecks (`tsc` with tsconfig.base.json, `@trama/*` resolved to the packages' sources as the examples are).
 *
 * Each ```ts or ```typescript block is a module of its own: it imports what it uses and may use top-level await.
 * A block that is deliberately not standalone (a fragment continuing the block before it) says so in its fence:
 * ```ts fragment — it is skipped.
 *
 * The snippets are written to `.readme-snippets/<run>/` (gitignored, and ignored by the repository's own
 * `biome check .`; one folder per run, as several runs may share the tree). It is removed when they pass; after a
 * failure it is kept to look at: `cd .readme-snippets/<run> && npx biome check --write <file>`.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSnippets, extractSnippets, isIgnored, markdownFiles } from "./readme-snippets.js";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const folderName = ".readme-snippets";

describe("README snippets", () => {
  it("are found in fenced ts blocks, with the line of their fence and their flags", () => {
    const markdown = ["# Title", "", "```ts", "const a = 1;", "```", "", "```sh", "npm start", "```"];
    markdown.push("- item", "  ```typescript fragment", "  a + 1;", "  ```");
    expect(extractSnippets(markdown.join("\n"), "X.md")).toEqual([
      { file: "X.md", fenceLine: 3, flags: [], code: "const a = 1;" },
      { file: "X.md", fenceLine: 11, flags: ["fragment"], code: "a + 1;" },
    ]);
  });

  it("pass the repository's lint and typecheck", () => {
    expect(isIgnored(root, folderName), `add ${folderName}/ to .gitignore`).toBe(true);
    const snippets = markdownFiles(root)
      .flatMap((file) => extractSnippets(readFileSync(join(root, file), "utf8"), file))
      .filter((snippet) => !snippet.flags.includes("fragment"));
    expect(snippets.map((snippet) => snippet.file)).toContain("README.md");
    const folder = join(root, folderName, `run-${process.pid}`);
    const diagnostics = checkSnippets(root, folder, snippets);
    const report = diagnostics.map(({ tool, where, message }) => `${where}: ${tool}: ${message}`).join("\n\n");
    expect(report, `fix these snippets (written to ${folder}; a deliberate fragment: \`\`\`ts fragment)`).toBe("");
    rmSync(folder, { recursive: true, force: true });
  });
});
