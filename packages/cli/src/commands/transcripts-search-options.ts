/**
 * What `trama transcripts search`, `import`, `ask` and `site` share: the store, the posts folder imported before use
 * (with a progress bar on stderr), the glossary and where links point.
 * @module
 */
import { resolve } from "node:path";
import type { DocumentStore } from "@trama/retrieval";
import type { GlossaryEntry, ImportReport, SiteLinks, TranscriptSearch } from "@trama/transcripts";
import type { CliIO } from "../command.js";
import { createProgressBar, type ProgressBar } from "../progress.js";
import { storeShorthand } from "./retrieval-options.js";

/** The options the transcripts search commands share, for `parseCommandLine`. */
export const searchStoreOptions = {
  posts: { type: "string" },
  store: { type: "string" },
  embedder: { type: "string" },
  glossary: { type: "string" },
  "site-url": { type: "string" },
  permalink: { type: "string" },
} as const;

/** The help lines of `--store` and `--embedder`, which mean the same to every transcripts search command. */
export const storeUsage = `  --store <store>       The document store: sqlite:./episodes.db, memory:./episodes.json, postgres:env:DATABASE_URL.
                        Default: transcripts.db in $TRAMA_DATA_DIR (else ~/.local/share/trama).
  --embedder <model>    An embedding model (ollama:nomic-embed-text, …) for semantic and hybrid search; the posts are
                        embedded with it when imported.`;

/** The help lines of `searchStoreOptions`, for the commands that import `--posts` before they search. */
export const searchStoreUsage = `  --posts <folder>      Import this folder of posts first (only new and changed posts are written; posts
                        whose files left the folder are removed).
                        Default: $TRAMA_POSTS.
${storeUsage}
  --glossary <file>     The show's glossary (YAML, 'cloud: Claude'): a term also finds what speech recognition wrote.
                        Default: $TRAMA_GLOSSARY.
  --site-url <url>      The show's site, for links to the posts (https://…). Default: $TRAMA_SITE_URL, else links
                        start at /.
  --permalink <style>   Jekyll's permalink setting: date (Jekyll's default), pretty, none, or a pattern such as
                        /:categories/:title/.`;

type Values = { [K in keyof typeof searchStoreOptions]?: string };

/** The opened store, glossary and links of a command line; the store is closed by `close`. */
export interface SearchSetup {
  store: DocumentStore;
  storeName: string;
  glossary?: GlossaryEntry[];
  site: SiteLinks;
  embedder?: string;
  posts?: string;
  close(): Promise<void>;
}

/** Opens what the options name (relative paths against the command's folder). */
export async function openSearchSetup(values: Values, io: CliIO): Promise<SearchSetup> {
  const { openTranscriptsStore, readGlossaryFile } = await import("@trama/transcripts");
  const shorthand = values.store ? storeShorthand(values.store, io.cwd) : undefined;
  const store = await openTranscriptsStore({ ...(shorthand ? { store: shorthand } : {}), env: io.env });
  const glossaryFile = values.glossary ?? io.env.TRAMA_GLOSSARY;
  const siteUrl = values["site-url"] ?? io.env.TRAMA_SITE_URL;
  const posts = values.posts ?? io.env.TRAMA_POSTS;
  try {
    return {
      store,
      storeName: shorthand ?? `sqlite:${String(store.toConfig().path)}`,
      ...(glossaryFile ? { glossary: await readGlossaryFile(resolve(io.cwd, glossaryFile)) } : {}),
      site: { ...(siteUrl ? { baseUrl: siteUrl } : {}), ...(values.permalink ? { permalink: values.permalink } : {}) },
      ...(values.embedder ? { embedder: values.embedder } : {}),
      ...(posts ? { posts: resolve(io.cwd, posts) } : {}),
      close: async () => store.close?.(),
    };
  } catch (error) {
    await store.close?.();
    throw error;
  }
}

/**
 * Imports `folder` (or a post file) into the setup's store with a progress bar on stderr, removing the posts whose
 * files left the folder (said on stderr); resolves to what was imported.
 */
export async function importWithProgress(setup: SearchSetup, folder: string, io: CliIO): Promise<ImportReport> {
  const { describeFailed, describeRemoved, importPosts } = await import("@trama/transcripts");
  const newBar = (total: number) => createProgressBar(io.stderr, { label: "Importing posts", total, unit: "posts" });
  // Made at the first post, whose progress carries the total: the folder is listed once, by the import.
  let bar: ProgressBar | undefined;
  const report = await importPosts({
    posts: folder,
    store: setup.store,
    ...(setup.embedder ? { embedder: setup.embedder } : {}),
    signal: io.signal,
    onProgress: ({ done, total, file }) => {
      bar ??= newBar(total);
      bar.update(done, file);
    },
  });
  const changed = report.posts.filter((post) => post.status !== "unchanged").length;
  // No posts, so no bar was drawn: the summary is the line an empty bar ends with, as before.
  bar ??= newBar(0);
  const skipped = report.failed.length > 0 ? `, ${report.failed.length} skipped` : "";
  bar.finish(`${changed} new or changed, ${report.posts.length - changed} unchanged${skipped}`);
  for (const line of describeFailed(report)) io.stderr.write(`${line}\n`);
  const removed = describeRemoved(report);
  if (removed) io.stderr.write(`${removed}\n`);
  return report;
}

/** The search over the setup's store, with its glossary, links and embedder. */
export async function searchFor(setup: SearchSetup): Promise<TranscriptSearch> {
  const { TranscriptSearch } = await import("@trama/transcripts");
  return new TranscriptSearch({
    store: setup.store,
    site: setup.site,
    ...(setup.glossary ? { glossary: setup.glossary } : {}),
    ...(setup.embedder ? { embedder: setup.embedder } : {}),
  });
}
