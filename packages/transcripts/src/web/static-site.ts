/**
 * The static search site: a self-contained page (HTML, plain JavaScript, CSS and a precomputed JSON index of every
 * turn) that searches in the browser with the same Italian analysis and glossary as the server, for the show to drop
 * into its Jekyll site (the folder is copied as it is; Jekyll serves it like any static file).
 * @module
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { italianElisions, italianStopwords } from "@trama/retrieval";
import type { GlossaryEntry } from "../fusion/glossary.js";
import { formatClock } from "../parsers/clock.js";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { titleBesideNumber } from "../search/episode-info.js";
import { postFiles } from "../search/import-posts.js";
import { postDocuments } from "../search/post-documents.js";
import { postUrl, type SiteLinks, videoUrl } from "../search/post-links.js";
import { TranscriptSearchError } from "../search/search-error.js";
import { clientFile, sitePage } from "./client-files.js";

/** What `buildSearchSite` writes from. */
export interface SearchSiteOptions {
  /** A folder of posts or a list of post files. */
  posts: string | readonly string[];
  /** The folder written (created when missing); files of the same names are replaced. */
  out: string;
  glossary?: GlossaryEntry[];
  /** Where links point: by default paths on the same site, in Jekyll's default permalink style. */
  site?: SiteLinks;
  /** Words per passage of long turns. Default 150. */
  maxWords?: number;
}

/** The index the page loads (`search-index.json`). */
export interface SearchSiteIndex {
  version: 1;
  stopwords: readonly string[];
  elisions: readonly string[];
  glossary: Array<{ heard: string; term: string }>;
  documents: Array<Record<string, unknown>>;
}

const copied = ["site.js", "search-engine.js", "results-view.js", "styles.css"] as const;

/**
 * Writes the search site into `out`; resolves to the files written, the turns indexed, and why each file that is not
 * a post was left out (its path and line).
 */
export async function buildSearchSite(
  options: SearchSiteOptions,
): Promise<{ files: string[]; documents: number; skipped: string[] }> {
  const index: SearchSiteIndex = {
    version: 1,
    stopwords: italianStopwords,
    elisions: italianElisions,
    glossary: (options.glossary ?? []).map(({ heard, term }) => ({ heard, term })),
    documents: [],
  };
  const skipped: string[] = [];
  for (const file of await postFiles(options.posts)) {
    let documents: ReturnType<typeof postDocuments>["documents"];
    try {
      ({ documents } = postDocuments({
        text: await readFile(file, "utf8"),
        file,
        ...(options.maxWords === undefined ? {} : { maxWords: options.maxWords }),
      }));
    } catch (error) {
      // A file that is not a post (no or broken front matter) is named and left out, as the import does.
      if (!TranscriptParseError.isInstance(error)) throw error;
      skipped.push(error.message);
      continue;
    }
    for (const document of documents) {
      const meta = document.meta as Record<string, unknown>;
      const start = typeof meta.start === "number" ? meta.start : undefined;
      index.documents.push({
        id: document.id,
        content: document.content,
        post: meta.post,
        title: titleBesideNumber(String(meta.title), typeof meta.episode === "number" ? meta.episode : undefined),
        ...(meta.episode === undefined ? {} : { episode: meta.episode }),
        ...(meta.date === undefined ? {} : { date: meta.date }),
        speaker: meta.speaker,
        chapter: meta.chapter,
        ...(start === undefined ? {} : { start, time: formatClock(start) }),
        postUrl: postUrl(
          {
            slug: String(meta.post),
            ...(typeof meta.date === "string" ? { date: meta.date } : {}),
            categories: meta.categories as string[],
          },
          options.site,
          typeof meta.anchor === "string" ? meta.anchor : undefined,
        ),
        ...(typeof meta.youtube_id === "string" ? { videoUrl: videoUrl(meta.youtube_id, start) } : {}),
      });
    }
  }
  try {
    await mkdir(options.out, { recursive: true });
    await copyFile(sitePage(), join(options.out, "index.html"));
    for (const name of copied) await copyFile(clientFile(name), join(options.out, name));
    await writeFile(join(options.out, "search-index.json"), JSON.stringify(index));
  } catch (error) {
    throw new TranscriptSearchError(
      `Cannot write the search site into ${options.out} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Give a folder you can write to.`,
      { cause: error },
    );
  }
  return { files: ["index.html", ...copied, "search-index.json"], documents: index.documents.length, skipped };
}
