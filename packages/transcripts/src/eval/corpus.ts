/**
 * The posts the evaluation uses as truth, read from the shared data folder: full transcripts only (the condensed ones
 * would measure the condensing), with chapter times to estimate word times from.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePost } from "../post/read-post.js";
import { type TruthEpisode, truthFromEpisode } from "./truth.js";

/** A post usable as truth. */
export interface TruthPost {
  file: string;
  truth: TruthEpisode;
}

/** What was read: the posts used, and the others with the reason each was left out. */
export interface Corpus {
  posts: TruthPost[];
  excluded: Array<{ file: string; reason: string }>;
}

/** Fewer words per second of the episode than this marks a condensed post. */
const FULL_WORDS_PER_SECOND = 1.6;
const MIN_CHAPTERS = 4;

/** The podcast folder of the shared data, or undefined when it is not there. */
export function podcastFolder(dataFolder: string): string | undefined {
  const folder = join(dataFolder, "podcast");
  return existsSync(join(folder, "posts")) ? folder : undefined;
}

/** Reads every post of `<podcast>/posts` and keeps the full ones with at least four timed chapters. */
export function readCorpus(podcast: string): Corpus {
  const posts: TruthPost[] = [];
  const excluded: Corpus["excluded"] = [];
  const folder = join(podcast, "posts");
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith(".md"))
    .sort()) {
    const { episode } = parsePost(readFileSync(join(folder, file), "utf8"), { file });
    const truth = truthFromEpisode(episode);
    if (!truth) excluded.push({ file, reason: "chapters without times, or times that do not increase" });
    else if (truth.chapters.length < MIN_CHAPTERS) excluded.push({ file, reason: `${truth.chapters.length} chapters` });
    else if (truth.words.length / truth.duration < FULL_WORDS_PER_SECOND)
      excluded.push({
        file,
        reason: `condensed: ${truth.words.length} words in ${Math.round(truth.duration / 60)} min`,
      });
    else posts.push({ file, truth });
  }
  return { posts, excluded };
}
