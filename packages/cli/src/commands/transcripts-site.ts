import { resolve } from "node:path";
import type { CliCommand, CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";
import { parseCommandLine } from "./retrieval-options.js";

const usage = `Usage: trama transcripts site <posts folder> --out <folder> [options]

Writes a self-contained search page for the show's Jekyll site: index.html, its scripts and styles, and
search-index.json with every turn. It searches in the browser (Italian inflections and accents, the glossary's
synonyms) and links each result to the post's chapter and to the video at that second. Copy the folder into the
site (for example as search/); Jekyll serves it as it is.

Options:
  --out <folder>        Where to write (created when missing).
  --glossary <file>     The show's glossary (YAML, 'cloud: Claude'). Default: $TRAMA_GLOSSARY.
  --site-url <url>      Prefix of the links to the posts. Default: none (paths on the same site).
  --permalink <style>   Jekyll's permalink setting: date (Jekyll's default), pretty, none, or a pattern such as
                        /:categories/:title/.
  -h, --help            Show this help.`;

/** `trama transcripts site <posts> --out <dir>`: the static search site. */
export const subcommand: CliCommand = {
  name: "site",
  summary: "Build a static search page (HTML, JS, JSON index) for the show's Jekyll site",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      out: { type: "string" },
      glossary: { type: "string" },
      "site-url": { type: "string" },
      permalink: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("Give the folder of posts (the site's _posts).");
    if (!values.out) throw new UsageError("Name the folder to write with --out.");
    const [{ buildSearchSite }, { readGlossaryFile, skippedLine }] = await Promise.all([
      import("@trama/transcripts/web"),
      import("@trama/transcripts"),
    ]);
    const glossaryFile = values.glossary ?? io.env.TRAMA_GLOSSARY;
    const out = resolve(io.cwd, values.out);
    const built = await buildSearchSite({
      posts: resolve(io.cwd, positionals[0]!),
      out,
      ...(glossaryFile ? { glossary: await readGlossaryFile(resolve(io.cwd, glossaryFile)) } : {}),
      site: {
        ...(values["site-url"] ? { baseUrl: values["site-url"] } : {}),
        ...(values.permalink ? { permalink: values.permalink } : {}),
      },
    });
    for (const reason of built.skipped) io.stderr.write(`${skippedLine(reason, "build again")}\n`);
    io.stdout.write(`Search site written to ${out}: ${built.documents} turns indexed (${built.files.join(", ")}).\n`);
    return built.skipped.length > 0 ? 1 : 0;
  },
};
