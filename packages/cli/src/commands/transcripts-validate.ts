import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatIssues, type PostValidation, readRoster, validatePost } from "@trama/transcripts";
import type { CliCommand, CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: trama transcripts validate <post.md | folder> [more …] [options]

Checks Jekyll posts of the show: front matter at byte 0 and valid YAML, required
keys and well-formed values, chapters strictly increasing and within the duration,
no empty chapter, speakers from the roster, headings in the show's convention
(## **[MM:SS] TITLE**), no words outside a turn. A folder means every .md in it.

Options:
  --roster <names>      Allowed speakers, comma-separated; repeatable. The post's
                        hosts, speakers, guest_name and guests keys are added.
  --roster-file <file>  Allowed speakers: one per line, a YAML list, or a YAML
                        mapping with hosts/speakers/guests lists (a _config.yml).
  --errors-only         Print errors, not warnings.
  --json                Print the results as JSON, one object per post.
  -h, --help            Show this help.

Without a roster, speakers are not checked (unless a post lists its hosts).
Exit code: 0 when no post has errors, 1 when one has, 2 for a usage error.`;

/** `trama transcripts validate`: validates posts and prints each finding as `file:line: severity [rule] message`. */
export const subcommand: CliCommand = {
  name: "validate",
  summary: "Check published posts: front matter, chapters, speakers, headings",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = readOptions(args);
    const roster = [...options.roster];
    if (options.rosterFile) {
      const path = resolve(io.cwd, options.rosterFile);
      roster.push(...readRoster(await readText(path, options.rosterFile), { file: options.rosterFile }));
    }
    const files = await expandFiles(options.paths, io.cwd);
    const results: PostValidation[] = [];
    for (const file of files) {
      if (io.signal.aborted) break;
      results.push(validatePost(await readText(resolve(io.cwd, file), file), { file, roster }));
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    } else {
      for (const result of results) printResult(result, io, options.errorsOnly);
      const failed = results.filter((result) => !result.valid).length;
      const warned = results.reduce((sum, result) => sum + result.warnings, 0);
      io.stdout.write(
        `${results.length} post${results.length === 1 ? "" : "s"}: ${failed === 0 ? "no errors" : `${failed} with errors`}${options.errorsOnly ? "" : `, ${warned} warning${warned === 1 ? "" : "s"}`}.\n`,
      );
    }
    return results.every((result) => result.valid) ? 0 : 1;
  },
};

function readOptions(args: string[]) {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length === 0) throw new UsageError("Name at least one post or folder.");
  return {
    paths: parsed.positionals,
    roster: (parsed.values.roster ?? [])
      .flatMap((value) => value.split(","))
      .map((name) => name.trim())
      .filter(Boolean),
    rosterFile: parsed.values["roster-file"],
    errorsOnly: parsed.values["errors-only"] === true,
    json: parsed.values.json === true,
  };
}

function parseArguments(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      roster: { type: "string", multiple: true },
      "roster-file": { type: "string" },
      "errors-only": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
}

function printResult(result: PostValidation, io: CliIO, errorsOnly: boolean): void {
  const lines = formatIssues(
    errorsOnly ? { ...result, issues: result.issues.filter((issue) => issue.severity === "error") } : result,
  );
  for (const line of lines) io.stdout.write(`${line}\n`);
  const counts = `${result.errors} error${result.errors === 1 ? "" : "s"}, ${result.warnings} warning${result.warnings === 1 ? "" : "s"}`;
  io.stdout.write(`${result.file}: ${result.errors === 0 && result.warnings === 0 ? "ok" : counts}\n`);
}

/** The posts to check: files as given, folders as their `.md` files in name order. */
async function expandFiles(paths: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(resolve(cwd, path)).catch(() => undefined);
    if (!info) throw new UsageError(`'${path}' does not exist.`);
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(resolve(cwd, path))).filter((name) => name.endsWith(".md")).sort();
    if (names.length === 0) throw new UsageError(`The folder '${path}' holds no .md file.`);
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
}

async function readText(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `Cannot read '${shown}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}
