/**
 * Speed and memory of the fusion on a two-hour episode: posts joined end to end until they last two hours, the
 * inputs synthesized at 15% errors as SBV captions, then parsed and merged several times.
 * @module
 */
import { mergeEpisode } from "../fusion/merge-episode.js";
import { parseChapters } from "../parsers/chapters.js";
import { parseTranscript } from "../parsers/parse-transcript.js";
import { parseRiverside } from "../parsers/riverside.js";
import { quantile } from "./report.js";
import { synthesizeInputs } from "./synthesize.js";
import type { TruthEpisode } from "./truth.js";

/** What the two-hour run measured. */
export interface TwoHourTiming {
  words: number;
  speakerWords: number;
  minutes: number;
  /** Milliseconds: parsing both sources and the chapters, and merging (median and fastest of the runs). */
  parseMs: number;
  mergeMedianMs: number;
  mergeFastestMs: number;
  /** Bytes of the largest edit-distance table, and heap growth across one merge (garbage included). */
  largestTableBytes: number;
  heapGrowthBytes: number;
  anchors: number;
}

/** Truths joined end to end, each shifted to start where the previous one ended. */
export function joinTruths(truths: readonly TruthEpisode[]): TruthEpisode {
  const joined: TruthEpisode = { words: [], turns: [], chapters: [], duration: 0 };
  for (const truth of truths) {
    const offset = joined.duration;
    const wordOffset = joined.words.length;
    const turnOffset = joined.turns.length;
    const chapterOffset = joined.chapters.length;
    joined.words.push(
      ...truth.words.map((word) => ({
        ...word,
        time: word.time + offset,
        turn: word.turn + turnOffset,
        chapter: word.chapter + chapterOffset,
      })),
    );
    joined.turns.push(
      ...truth.turns.map((turn) => ({ ...turn, first: turn.first + wordOffset, end: turn.end + wordOffset })),
    );
    joined.chapters.push(
      ...truth.chapters.map((chapter) => ({
        ...chapter,
        time: chapter.time + offset,
        word: chapter.word + wordOffset,
      })),
    );
    joined.duration = offset + truth.duration;
  }
  return joined;
}

/** The truth up to the first turn that starts at or after `seconds`. */
export function truncateTruth(truth: TruthEpisode, seconds: number): TruthEpisode {
  const cut = truth.turns.find((turn) => truth.words[turn.first]!.time >= seconds);
  if (!cut) return truth;
  return {
    words: truth.words.slice(0, cut.first),
    turns: truth.turns.filter((turn) => turn.end <= cut.first),
    chapters: truth.chapters.filter((chapter) => chapter.word < cut.first),
    duration: truth.words[cut.first]!.time,
  };
}

/** Joins posts (longest first) until two hours, and times parsing and merging `runs` times. */
export function timeTwoHours(truths: readonly TruthEpisode[], runs = 5): TwoHourTiming {
  const chosen: TruthEpisode[] = [];
  let duration = 0;
  for (const truth of [...truths].sort((first, second) => second.words.length - first.words.length)) {
    if (duration >= 7200) break;
    chosen.push(truth);
    duration += truth.duration;
  }
  const truth = truncateTruth(joinTruths(chosen), 7200);
  const inputs = synthesizeInputs({ truth, name: "two-hours", rate: 0.15, variant: "sbv" });
  const parseStarted = performance.now();
  const speakers = parseRiverside(inputs.speakers, { file: "two-hours.riverside.txt" });
  const text = parseTranscript(inputs.text, { file: "two-hours.sbv", format: "sbv" });
  const chapters = parseChapters(inputs.chapters);
  const parseMs = performance.now() - parseStarted;
  const times: number[] = [];
  let heapGrowthBytes = 0;
  let result = mergeEpisode({ speakers, text, chapters });
  for (let run = 0; run < runs; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    result = mergeEpisode({ speakers, text, chapters });
    times.push(performance.now() - started);
    heapGrowthBytes = Math.max(heapGrowthBytes, process.memoryUsage().heapUsed - heapBefore);
  }
  return {
    words: truth.words.length,
    speakerWords: speakers.segments.reduce((sum, segment) => sum + segment.text.split(/\s+/).length, 0),
    minutes: truth.duration / 60,
    parseMs,
    mergeMedianMs: quantile(times, 0.5),
    mergeFastestMs: Math.min(...times),
    largestTableBytes: result.report.alignment.largestTable,
    heapGrowthBytes,
    anchors: result.report.alignment.anchors,
  };
}
