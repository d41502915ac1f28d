/**
 * The TypeScript snippets of the repository's Markdown files, written out as modules and checked with the repository's
 * own lint (Biome, with biome.json) and typecheck (tsc, with tsconfig.base.json). Used by readme-snippets.test.ts.
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** One fenced ```ts block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** The line of the opening fence (1-based): the snippet's line n is the file's line `fenceLine + n`. */
  readonly fenceLine: number;
  /** The words after the language in the fence's info string (`fragment` marks a block that is not standalone). */
  readonly flags: readonly string[];
  readonly code: string;
}

/** A problem found in a snippet, placed at its line in the Markdown file. */
export interface SnippetDiagnostic {
  readonly tool: "biome" | "tsc";
  /** `README.md:31` (or a path outside the snippets, for a problem tsc found in a package's own source). */
  readonly where: string;
  readonly message: string;
}

const opening = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/;

/** The ```ts and ```typescript blocks of one Markdown text. */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const match = opening.exec(lines[index]!);
    if (!match) continue;
    const [, indent, fence, language, info] = match as unknown as [string, string, string, string, string];
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      const line = lines[end]!;
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (language === "ts" || language === "typescript")
      snippets.push({
        file,
        fenceLine: index + 1,
        flags: info.trim().split(/\s+/).filter(Boolean),
        code: body.join("\n"),
      });
    index = end; // a fence's body is never an opening fence
  }
  return snippets;
}

/** The Markdown files whose snippets are checked: those at the root and at the top of each package. */
export function markdownFiles(root: string): string[] {
  const inFolder = (folder: string) =>
    readdirSync(join(root, folder))
      .filter((name) => name.endsWith(".md"))
      .map((name) => (folder === "." ? name : `${folder}/${name}`));
  const packages = readdirSync(join(root, "packages"))
    .map((name) => `packages/${name}`)
    .filter((folder) => statSync(join(root, folder)).isDirectory());
  return [".", ...packages].flatMap(inFolder).sort();
}

/** Each snippet's file name in the snippets folder: `packages-council-README-13.ts`. */
export function snippetFileName(snippet: Snippet): string {
  return `${snippet.file.replace(/\.md$/, "").replace(/[^\w]+/g, "-")}-${snippet.fenceLine}.ts`;
}

/**
 * Writes the snippets into `folder` (emptied first) with a tsconfig extending the repository's and a copy of
 * biome.json that does not ignore the folder, then runs one `biome check` and one `tsc --noEmit` over them all.
 */
export function checkSnippets(root: string, folder: string, snippets: readonly Snippet[]): SnippetDiagnostic[] {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const byName = new Map(snippets.map((snippet) => [snippetFileName(snippet), snippet]));
  for (const [name, snippet] of byName) writeFileSync(join(folder, name), `${snippet.code}\n`);
  writeFileSync(
    join(folder, "tsconfig.json"),
    JSON.stringify({
      extends: relative(folder, join(root, "tsconfig.base.json")),
      // Every snippet is a module (top-level await, its own scope) even when it imports nothing.
      compilerOptions: { noEmit: true, moduleDetection: "force" },
      include: ["*.ts"],
    }),
  );
  const biome = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
  delete biome.$schema;
  const topFolder = relative(root, folder).split("/")[0]!;
  biome.files.includes = biome.files.includes.filter((glob: string) => !glob.includes(topFolder));
  writeFileSync(join(folder, "biome.json"), JSON.stringify(biome));
  return [...runBiome(root, folder, byName), ...runTsc(root, folder, byName)];
}

function run(root: string, folder: string, tool: string[], args: string[]): { output: string; failed: boolean } {
  const result = spawnSync(process.execPath, [join(root, "node_modules", ...tool), ...args], {
    cwd: folder,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (result.error) throw result.error;
  return { output: `${result.stdout}${result.stderr}`, failed: result.status !== 0 };
}

function place(byName: ReadonlyMap<string, Snippet>, path: string, line: number): string {
  const snippet = byName.get(path.split("/").at(-1)!);
  return snippet ? `${snippet.file}:${snippet.fenceLine + line}` : `${path}:${line}`;
}

/** Biome's errors (what fails `npm run lint`; warnings such as unused variables do not). */
function runBiome(root: string, folder: string, byName: ReadonlyMap<string, Snippet>): SnippetDiagnostic[] {
  const biome = ["@biomejs", "biome", "bin", "biome"];
  const { output, failed } = run(root, folder, biome, ["check", "--reporter=github", ...byName.keys()]);
  const diagnostics: SnippetDiagnostic[] = [];
  for (const match of output.matchAll(/^::error title=([^,]+),file=([^,]+),line=(\d+)[^:]*::(.*)$/gm)) {
    const [, title, path, line, message] = match as unknown as [string, string, string, string, string];
    // Biome's line for a format error says only that it would print something else: show what.
    const fix =
      title === "format" ? `\n${run(root, folder, biome, ["format", path]).output.split(/^Checked /m)[0]}` : "";
    diagnostics.push({
      tool: "biome",
      where: place(byName, path, Number(line)),
      message: `${title}: ${message}${fix}`,
    });
  }
  if (diagnostics.length === 0 && failed) diagnostics.push({ tool: "biome", where: folder, message: output });
  return diagnostics;
}

function runTsc(root: string, folder: string, byName: ReadonlyMap<string, Snippet>): SnippetDiagnostic[] {
  const { output } = run(root, folder, ["typescript", "bin", "tsc"], ["-p", "tsconfig.json", "--pretty", "false"]);
  const diagnostics: SnippetDiagnostic[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
    if (match) diagnostics.push({ tool: "tsc", where: place(byName, match[1]!, Number(match[2])), message: match[3]! });
    else if (line.startsWith(" ") && diagnostics.length > 0) {
      const last = diagnostics.pop()!;
      diagnostics.push({ ...last, message: `${last.message}\n${line}` });
    } else if (line.trim()) diagnostics.push({ tool: "tsc", where: folder, message: line });
  }
  return diagnostics;
}

/** Whether the snippets folder is one git ignores (so the written snippets never get committed). */
export function isIgnored(root: string, folderName: string): boolean {
  const gitignore = join(root, ".gitignore");
  return existsSync(gitignore) && readFileSync(gitignore, "utf8").split("\n").includes(`${folderName}/`);
}
