import type { CliCommand } from "./command.js";

/**
 * Every `trama` subcommand, loaded on first use so that `trama --help` stays fast and a command's product package is
 * imported only when that command runs. Add a command: write `src/commands/<name>.ts` exporting `command`, then list
 * it here.
 */
export const commandLoaders: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  ask: {
    summary: "Answer a question from indexed documents, with numbered references to files and offsets",
    load: async () => (await import("./commands/ask.js")).command,
  },
  council: {
    summary: "Ask several models at once: they answer, rank each other blind, and a chairman decides",
    load: async () => (await import("./commands/council.js")).command,
  },
  index: {
    summary: "Index files (text, Markdown, HTML, PDF, CSV, JSON) into a document store for trama ask",
    load: async () => (await import("./commands/index.js")).command,
  },
  transcripts: {
    summary: "Podcast transcripts: merge sources into posts, validate, search and ask over episodes",
    load: async () => (await import("./commands/transcripts.js")).command,
  },
  serve: {
    summary: "Start the local web server: the council and transcripts search apps, at http://127.0.0.1:8484/",
    load: async () => (await import("./commands/serve.js")).command,
  },
};
