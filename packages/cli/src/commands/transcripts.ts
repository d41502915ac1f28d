import type { CliCommand, CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";

/**
 * The subcommands of `trama transcripts`, each in its own module `transcripts-<name>.ts` exporting `subcommand` (a
 * `CliCommand` whose `name` is the subcommand's), loaded on first use. Add one by listing it here.
 */
const subcommands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  ask: {
    summary: "Answer a question from the episodes, citing the turns with links to their times",
    load: async () => (await import("./transcripts-ask.js")).subcommand,
  },
  import: {
    summary: "Import published posts (a folder) for search and questions, turn by turn",
    load: async () => (await import("./transcripts-import.js")).subcommand,
  },
  merge: {
    summary: "Fuse the recording tool's export, captions and chapters into the show's post",
    load: async () => (await import("./transcripts-merge.js")).subcommand,
  },
  search: {
    summary: "Search every episode's turns by keywords (Italian-aware, with the glossary) or by meaning",
    load: async () => (await import("./transcripts-search.js")).subcommand,
  },
  site: {
    summary: "Build a static search page (HTML, JS, JSON index) for the show's Jekyll site",
    load: async () => (await import("./transcripts-site.js")).subcommand,
  },
  validate: {
    summary: "Check published posts: front matter, chapters, speakers, headings",
    load: async () => (await import("./transcripts-validate.js")).subcommand,
  },
};

function usage(): string {
  const names = Object.keys(subcommands).sort();
  const width = Math.max(8, ...names.map((name) => name.length));
  return [
    "Usage: trama transcripts <subcommand> [options]",
    "",
    "Podcast transcripts: parse, fuse, render and check; search and ask over the episodes.",
    "",
    "Subcommands:",
    ...names.map((name) => `  ${name.padEnd(width)}  ${subcommands[name]!.summary}`),
    "",
    "Run `trama transcripts <subcommand> --help` for a subcommand's options.",
  ].join("\n");
}

/** The usage of the subcommand the arguments start with (`merge --help`: merge's), else the group's. */
async function usageFor(args: string[]): Promise<string> {
  const [name, ...rest] = args;
  if (name === "help") return usageFor(rest); // `trama transcripts help merge --help` means merge too
  const entry = name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!entry) return usage();
  const subcommand = await entry.load();
  return subcommand.usageFor ? subcommand.usageFor(rest) : subcommand.usage;
}

/** `trama transcripts <subcommand>`: dispatches to the subcommand's module, printing its own usage on usage errors. */
export const command: CliCommand = {
  name: "transcripts",
  summary: "Podcast transcripts: merge sources into posts, validate, search and ask over episodes",
  get usage() {
    return usage();
  },
  usageFor,
  async run(args: string[], io: CliIO): Promise<number> {
    const [name, ...rest] = args;
    if (name === undefined) throw new UsageError("Name a subcommand.");
    if (name === "help") {
      const topic = rest[0];
      if (topic === undefined) {
        io.stdout.write(`${usage()}\n`);
        return 0;
      }
      const entry = subcommands[topic];
      if (!entry) throw new UsageError(`Unknown subcommand '${topic}'.`);
      io.stdout.write(`${(await entry.load()).usage}\n`);
      return 0;
    }
    const entry = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
    if (!entry) throw new UsageError(`Unknown subcommand '${name}'.`);
    const subcommand = await entry.load();
    try {
      return await subcommand.run(rest, io);
    } catch (error) {
      if (!UsageError.isInstance(error)) throw error;
      io.stderr.write(`trama transcripts ${name}: ${error.message}\n\n${subcommand.usage}\n`);
      return 2;
    }
  },
};
