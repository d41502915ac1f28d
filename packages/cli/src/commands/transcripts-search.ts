import type { SearchHit, SearchMode } from "@trama/transcripts";
import type { CliCommand, CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";
import { parseCommandLine, wholeNumber } from "./retrieval-options.js";
import {
  importWithProgress,
  openSearchSetup,
  searchFor,
  searchStoreOptions,
  searchStoreUsage,
} from "./transcripts-search-options.js";

const usage = `Usage: trama transcripts search "query" [options]

Searches the imported episodes turn by turn: Italian-aware keywords (inflections and accents: "intelligenze" finds
"intelligenza"), the show's glossary ("cloud" finds "Claude"), and by meaning with an embedder. Prints each hit's
episode, time, speaker and chapter, a snippet with the matched words marked, and links to the post's chapter and to
the video at that second.

Options:
${searchStoreUsage}
  --mode <mode>         keyword, semantic or hybrid. Default: hybrid with --embedder, else keyword.
  --episode <n>         Only this episode.
  --limit <n>           At most this many hits (default 10).
  --json                Print the hits as JSON.
  -h, --help            Show this help.`;

const modes: readonly SearchMode[] = ["keyword", "semantic", "hybrid"];

/** `trama transcripts search "query"`: search over imported posts. */
export const subcommand: CliCommand = {
  name: "search",
  summary: "Search every episode's turns by keywords (Italian-aware, with the glossary) or by meaning",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      ...searchStoreOptions,
      mode: { type: "string" },
      episode: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
    });
    const query = positionals.join(" ").trim();
    if (!query) throw new UsageError('Give the query, in quotes: trama transcripts search "intelligenza artificiale"');
    if (values.mode !== undefined && !modes.includes(values.mode as SearchMode))
      throw new UsageError(`--mode takes keyword, semantic or hybrid, not '${values.mode}'.`);
    const limit = wholeNumber(values.limit, "--limit", 10);
    const episode = values.episode === undefined ? undefined : wholeNumber(values.episode, "--episode", 0, 0);
    const setup = await openSearchSetup(values, io);
    try {
      if (setup.posts) await importWithProgress(setup, setup.posts, io);
      if ((await setup.store.count({ field: "meta.source", operator: "==", value: "transcripts" })) === 0) {
        io.stderr.write(
          `trama transcripts search: ${setup.storeName} holds no episodes. Import the posts first: trama transcripts import <posts folder>, or give --posts.\n`,
        );
        return 1;
      }
      const search = await searchFor(setup);
      const hits = await search.search(query, {
        limit,
        signal: io.signal,
        ...(values.mode ? { mode: values.mode as SearchMode } : {}),
        ...(episode === undefined ? {} : { filters: { field: "meta.episode", operator: "==", value: episode } }),
      });
      if (values.json) io.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
      else
        io.stdout.write(
          hits.length ? hits.map((hit, index) => formatHit(hit, index, io)).join("\n") : "No turn matches.\n",
        );
      return 0;
    } finally {
      await setup.close();
    }
  },
};

/** One hit for the terminal: where it is, the snippet (matched words bold on a terminal, `**word**` elsewhere), links. */
function formatHit(hit: SearchHit, index: number, io: CliIO): string {
  const [open, close] = io.stdout.isTTY ? ["\x1b[1;33m", "\x1b[0m"] : ["**", "**"];
  const snippet = hit.snippet.parts.map((part) => (part.mark ? `${open}${part.text}${close}` : part.text)).join("");
  const episode = hit.episode === undefined ? "" : `#${hit.episode} `;
  const lines = [
    `${index + 1}. ${episode}${hit.title}${hit.date ? ` (${hit.date})` : ""}`,
    `   [${hit.time ?? "--:--"}] ${hit.speaker}${hit.chapter ? ` · ${hit.chapter}` : ""}`,
    `   ${snippet.replace(/\s+/g, " ")}`,
    `   ${hit.postUrl}`,
    ...(hit.videoUrl ? [`   ${hit.videoUrl}`] : []),
  ];
  return `${lines.join("\n")}\n`;
}
