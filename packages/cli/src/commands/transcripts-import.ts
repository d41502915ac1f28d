import type { CliCommand, CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";
import { parseCommandLine } from "./retrieval-options.js";
import { importWithProgress, openSearchSetup, searchStoreOptions, storeUsage } from "./transcripts-search-options.js";

const usage = `Usage: trama transcripts import [<posts folder | post.md …>] [options]

Imports published posts for trama transcripts search and ask: one document per speaker turn (long turns in
passages), with the episode, speaker, chapter and time. Posts already imported and unchanged are skipped; a changed
post's documents are replaced (the new ones are written before the old ones are deleted, so an interrupted import
loses nothing). Importing a folder also removes the posts imported from it whose files are gone (once every post
in it is imported; an empty folder removes nothing).

Arguments:
  <posts folder>        A folder of posts, such as the site's _posts (its .md and .markdown files, not subfolders).
  <post.md …>           Post files; importing files removes nothing. Several folders and files are imported in turn.

Options:
  --posts <folder>      The folder to import when no folder or file is given. Default: $TRAMA_POSTS.
${storeUsage}
  -h, --help            Show this help.

A file that cannot be read as a post (no front matter, invalid YAML) is skipped and named with the line at fault;
the others are imported. Exit code: 0 when every post is imported, 1 when one was skipped or failed.`;

/** `trama transcripts import <folder>`: posts into the search's store, with a progress bar. */
export const subcommand: CliCommand = {
  name: "import",
  summary: "Import published posts (a folder) for search and questions, turn by turn",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, searchStoreOptions);
    if (positionals.length === 0 && !values.posts && !io.env.TRAMA_POSTS)
      throw new UsageError("Give the folder of posts (the site's _posts) or post files.");
    const setup = await openSearchSetup(values, io);
    try {
      let written = 0;
      let deleted = 0;
      let posts = 0;
      let skipped = 0;
      for (const target of positionals.length ? positionals : [setup.posts!]) {
        const { resolve } = await import("node:path");
        const report = await importWithProgress(setup, resolve(io.cwd, target), io);
        written += report.written;
        deleted += report.deleted;
        posts += report.posts.length;
        skipped += report.failed.length;
      }
      const total = await setup.store.count({ field: "meta.source", operator: "==", value: "transcripts" });
      io.stdout.write(
        `${posts} post${posts === 1 ? "" : "s"} imported into ${setup.storeName}: ${written} documents written, ${deleted} deleted, ${total} in all${skipped ? `; ${skipped} skipped (said above)` : ""}.\n`,
      );
      // The others are imported and searchable; the exit code says that some file needs fixing.
      return skipped > 0 ? 1 : 0;
    } finally {
      await setup.close();
    }
  },
};
