/**
 * One case of the evaluation: synthesize the inputs for a truth, parse them with the real parsers, fuse them, run the
 * naive baseline on the same inputs, and measure both.
 * @module
 */
import { mergeEpisode } from "../fusion/merge-episode.js";
import { sourceWords } from "../fusion/source-words.js";
import type { Transcript } from "../model/transcript.js";
import { parseChapters } from "../parsers/chapters.js";
import { parseTranscript } from "../parsers/parse-transcript.js";
import { parseRiverside } from "../parsers/riverside.js";
import type { CrosstalkCounts } from "./accurate-source.js";
import { naiveMerge } from "./baseline.js";
import { type CaptionVariant, VARIANT_FORMAT } from "./caption-writers.js";
import { type MetricCounts, measure } from "./metrics.js";
import { synthesizeInputs } from "./synthesize.js";
import type { TruthEpisode } from "./truth.js";
import { matchWords } from "./word-matching.js";

/** The outcome of one case. */
export interface CaseResult {
  ours: MetricCounts;
  baseline: MetricCounts;
  /** Milliseconds `mergeEpisode` took. */
  mergeMs: number;
  crosstalk: CrosstalkCounts;
  /** Truth words the synthesized speaker source does not have exactly, and how many truth words there are. */
  speakerSourceWrong: number;
  truthWords: number;
  /** Our chapters not within 15 s of their true start at a sentence start: the truth's, the list's and ours times. */
  chapterMisses: ChapterMiss[];
}

/** A chapter placed wrong: its index and title, its true and listed times, and where ours starts (seconds). */
export interface ChapterMiss {
  index: number;
  title: string;
  truth: number;
  listed: number | undefined;
  placed: number | undefined;
}

/** Runs one case: `name` seeds it (use the post's file name). */
export function runCase(input: {
  truth: TruthEpisode;
  name: string;
  rate: number;
  variant: CaptionVariant;
}): CaseResult {
  const { truth, variant } = input;
  const inputs = synthesizeInputs(input);
  const speakers = parseRiverside(inputs.speakers, { file: `${input.name}.riverside.txt` });
  const text = parseTranscript(inputs.text, { file: `${input.name}.${variant}`, format: VARIANT_FORMAT[variant] });
  const chapters = parseChapters(inputs.chapters, { file: `${input.name}.chapters.txt` });
  const started = performance.now();
  const merged = mergeEpisode({ speakers, text, chapters });
  const mergeMs = performance.now() - started;
  const accurateWords = sourceWords(text).words.map((word) => word.text);
  const chapterWords = truthChapterWords(
    truth,
    merged.report.chapters.map((placement) => placement.word),
  );
  const listedTimes = chapters.map((chapter) => chapter.start);
  const ours = measure({ truth, output: { words: merged.words, chapterWords }, accurateWords, listedTimes });
  const chapterMisses = (ours.chapterMisses ?? []).map((index) => ({
    index,
    title: truth.chapters[index]!.title,
    truth: truth.chapters[index]!.time,
    listed: listedTimes[index],
    placed: chapterWords[index]! >= 0 ? merged.words[chapterWords[index]!]?.start : undefined,
  }));
  return {
    ours,
    baseline: measure({ truth, output: naiveMerge({ speakers, text, chapters }), accurateWords, listedTimes }),
    mergeMs,
    crosstalk: inputs.counts,
    speakerSourceWrong: wrongWords(truth, speakers),
    truthWords: truth.words.length,
    chapterMisses,
  };
}

/** The placements in the truth's chapter order (the fusion places every listed chapter, in order, when it can). */
function truthChapterWords(truth: TruthEpisode, placed: readonly number[]): number[] {
  return truth.chapters.map((_, index) => placed[index] ?? -1);
}

/** How many truth words the speaker source does not have exactly at the aligned place. */
function wrongWords(truth: TruthEpisode, speakers: Transcript): number {
  const heard = sourceWords(speakers).words.map((word) => word.text);
  const match = matchWords({ texts: truth.words.map((word) => word.text) }, { texts: heard });
  let wrong = 0;
  for (const right of match.leftToRight) if (right < 0) wrong++;
  return wrong;
}
