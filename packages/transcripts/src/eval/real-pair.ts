/**
 * The real pair in `raw/ep49`: the recording tool's export as the speaker source, the published post's words as a
 * stand-in for accurate captions (untimed plain text), the chapter list from `promo.md`. The post is an LLM's edit,
 * not a verbatim truth, and has no word times, so only some metrics mean something here; `measureRealPair` says which.
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FusionError } from "../fusion/fusion-error.js";
import { mergeEpisode } from "../fusion/merge-episode.js";
import { sourceWords } from "../fusion/source-words.js";
import type { Episode, Transcript } from "../model/transcript.js";
import { parseChapters } from "../parsers/chapters.js";
import { formatClock } from "../parsers/clock.js";
import { parseRiverside } from "../parsers/riverside.js";
import { parsePost } from "../post/read-post.js";
import { renderPost } from "../render/render-post.js";
import { validatePost } from "../validate/validate-post.js";
import { checkGlossary } from "./glossary-check.js";
import { type MetricCounts, measure } from "./metrics.js";
import { truthFromEpisode } from "./truth.js";
import { matchWords } from "./word-matching.js";

/** What the real pair shows. */
export interface RealPairResult {
  counts: MetricCounts;
  words: number;
  restoredWords: number;
  shortTurnsFound: number;
  shortTurnsRestored: number;
  /** Per chapter: the list's time, the recording's time where the post puts the heading, and how many words our start is from the post's. */
  chapters: Array<{ title: string; listed: number; atPostHeading?: number; wordsFromPost?: number }>;
  /** The recording tool's words alone, fused without and with the show glossary, terms counted against the post. */
  glossary: ReturnType<typeof checkGlossary>;
  /** The post our fusion writes, and what the post validator says of it. */
  post: string;
  validation: { errors: number; warnings: number; rules: string[] };
}

/** The post's words as untimed plain text, one segment per paragraph, speakers left out. */
function postText(episode: Episode): Transcript {
  const segments = episode.sections.flatMap((section) =>
    section.turns.flatMap((turn) => turn.paragraphs.map((text, index) => ({ text, line: index + 1 }))),
  );
  return { format: "text", file: "post.md", segments };
}

/** Fuses the real pair and measures what can be measured. */
export function measureRealPair(folder: string): RealPairResult {
  const read = (name: string) => readFileSync(join(folder, name), "utf8");
  const speakers = parseRiverside(read("riverside.txt"), { file: "riverside.txt" });
  const { episode } = parsePost(read("post.md"), { file: "post.md" });
  const chapters = parseChapters(read("promo.md"), { file: "promo.md" });
  const text = postText(episode);
  const merged = mergeEpisode({ speakers, text, chapters, meta: episode.meta });
  const truth = truthFromEpisode(episode);
  if (!truth) throw new FusionError(`${join(folder, "post.md")} has chapters without times: it cannot serve as truth.`);
  const outputList = { texts: merged.words.map((word) => word.text) };
  const toPost = matchWords(outputList, { texts: truth.words.map((word) => word.text) });
  const fromPost = new Map<number, number>();
  toPost.leftToRight.forEach((postWord, outputWord) => {
    if (postWord >= 0 && !fromPost.has(postWord)) fromPost.set(postWord, outputWord);
  });
  const chapterWords = truth.chapters.map((_, index) => merged.report.chapters[index]?.word ?? -1);
  const counts = measure({
    truth,
    output: { words: merged.words, chapterWords },
    accurateWords: sourceWords(text).words.map((word) => word.text),
    listedTimes: chapters.map((chapter) => chapter.start),
  });
  const glossary = checkGlossary({ speakers, truth, chapters, meta: episode.meta });
  const post = renderPost(merged.episode, { accents: "apostrophe" });
  const validation = validatePost(post, { file: "ep49 fused post" });
  return {
    counts,
    words: merged.words.length,
    restoredWords: merged.report.restoredWords,
    shortTurnsFound: merged.report.shortTurns.filter((turn) => turn.outcome === "found").length,
    shortTurnsRestored: merged.report.shortTurns.filter((turn) => turn.outcome === "restored").length,
    chapters: truth.chapters.map((chapter, index) => {
      const listed = chapters[index]?.start ?? chapter.time;
      const outputAtHeading = fromPost.get(chapter.word);
      const placed = merged.report.chapters[index];
      return {
        title: chapter.title,
        listed,
        ...(outputAtHeading !== undefined ? { atPostHeading: merged.words[outputAtHeading]!.start } : {}),
        ...(placed && outputAtHeading !== undefined ? { wordsFromPost: placed.word - outputAtHeading } : {}),
      };
    }),
    glossary,
    post,
    validation: {
      errors: validation.errors,
      warnings: validation.warnings,
      rules: [...new Set(validation.issues.map((issue) => `${issue.severity}:${issue.rule}`))],
    },
  };
}

/** The chapter lines of the report: listed time, recording time at the post's heading, our distance in words. */
export function formatRealChapters(result: RealPairResult): string {
  return result.chapters
    .map((chapter) => {
      const recorded = chapter.atPostHeading === undefined ? "  ?  " : formatClock(chapter.atPostHeading);
      const delta =
        chapter.atPostHeading === undefined
          ? ""
          : ` (${(chapter.atPostHeading - chapter.listed).toFixed(0).padStart(4)} s)`;
      const words = chapter.wordsFromPost === undefined ? "n/a" : `${chapter.wordsFromPost}`;
      return `  ${formatClock(chapter.listed).padStart(7)}  ${recorded.padStart(7)}${delta}  ${words.padStart(5)}  ${chapter.title}`;
    })
    .join("\n");
}
