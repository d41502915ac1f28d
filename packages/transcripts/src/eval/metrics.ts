/**
 * The evaluation's metrics, as counts that add up over cases: word-level speaker accuracy, accuracy within three
 * words of a speaker change, turn-boundary F1, short-turn recall, coverage of the accurate source's words, invented
 * words, chapters within 15 s and at a sentence start, and timestamp errors at turn starts.
 * @module
 */
import { isHesitationKey } from "../fusion/fillers.js";
import { wordKeys } from "../fusion/normalize.js";
import type { TruthEpisode } from "./truth.js";
import { matchWords } from "./word-matching.js";

/** A fused transcript as the metrics see it: words with speakers and times, and where each chapter starts. */
export interface EvaluatedOutput {
  words: ReadonlyArray<{ text: string; speaker: string; start?: number }>;
  /** Index of the first word of each chapter, in the truth's chapter order (-1 where a chapter was not placed). */
  chapterWords: readonly number[];
}

/** The chapter list's times (shifted from the truth), in the truth's chapter order. */
export type ListedTimes = readonly number[];

/** Counts of one case, or of several added together. */
export interface MetricCounts {
  speaker: Ratio;
  nearChange: Ratio;
  boundaries: { matched: number; predicted: number; actual: number };
  shortTurns: Ratio;
  coverage: Ratio;
  invented: Ratio;
  chaptersWithin: Ratio;
  chaptersAtSentence: Ratio;
  chaptersBoth: Ratio;
  /** Chapters whose first word is truly within 15 s of the time the list gives (the list is ±15 s off the truth). */
  chaptersNearListed: Ratio;
  /** Absolute errors, in seconds, at the turn starts the output got right. */
  turnStartErrors: number[];
  /** Of one case only (not added up): the chapters, by index, not within 15 s of their true start at a sentence start. */
  chapterMisses?: number[];
}

/** A count out of a total. */
export interface Ratio {
  count: number;
  total: number;
}

/** Words around a speaker change that count as "near" it, each side. */
const NEAR = 3;
/** Longest turn, in words, counted as a short turn. */
const SHORT = 4;
/** How far from the truth, in truth words, a short turn may be found. */
const SHORT_DISTANCE = 20;

/** Measures one output against its truth and the accurate source's words it was made from. */
export function measure(input: {
  truth: TruthEpisode;
  output: EvaluatedOutput;
  accurateWords: readonly string[];
  listedTimes: ListedTimes;
}): MetricCounts {
  const { truth, output } = input;
  const outputList = { texts: output.words.map((word) => word.text), times: output.words.map((word) => word.start) };
  const truthList = { texts: truth.words.map((word) => word.text), times: truth.words.map((word) => word.time) };
  const toTruth = matchWords(outputList, truthList);
  const fromTruth = new Int32Array(truth.words.length).fill(-1);
  toTruth.leftToRight.forEach((truthWord, outputWord) => {
    if (truthWord >= 0 && fromTruth[truthWord] === -1) fromTruth[truthWord] = outputWord;
  });
  const changes = truth.words.flatMap((word, index) =>
    index > 0 && truth.words[index - 1]!.speaker !== word.speaker ? [index] : [],
  );
  const near = new Uint8Array(truth.words.length);
  for (const change of changes) {
    for (let index = Math.max(0, change - NEAR); index < Math.min(truth.words.length, change + NEAR); index++)
      near[index] = 1;
  }
  const speaker = ratio();
  const nearChange = ratio();
  fromTruth.forEach((outputWord, truthWord) => {
    if (outputWord < 0) return;
    const correct = output.words[outputWord]!.speaker === truth.words[truthWord]!.speaker ? 1 : 0;
    add(speaker, correct);
    if (near[truthWord]) add(nearChange, correct);
  });
  const mapped = (outputWord: number) =>
    backOverFillers(truth, fromTruth, mappedForward(toTruth.leftToRight, outputWord));
  const predicted = output.words.flatMap((word, index) =>
    index > 0 && output.words[index - 1]!.speaker !== word.speaker ? [index] : [],
  );
  const actual = new Set(changes);
  const turnStartErrors: number[] = [];
  let matched = 0;
  for (const index of predicted) {
    const truthWord = mapped(index);
    if (truthWord < 0 || !actual.has(truthWord)) continue;
    matched++;
    const start = output.words[index]!.start;
    if (start !== undefined) turnStartErrors.push(Math.abs(start - truth.words[truthWord]!.time));
  }
  const invented = ratio();
  for (const present of toTruth.present) add(invented, present ? 0 : 1);
  const accurate = matchWords({ texts: input.accurateWords }, outputList);
  const coverage = ratio();
  for (const present of accurate.present) add(coverage, present);
  return {
    speaker,
    nearChange,
    boundaries: { matched, predicted: predicted.length, actual: changes.length },
    shortTurns: shortTurnRecall(truth, output, toTruth.leftToRight),
    coverage,
    invented,
    ...chapterCounts(truth, output, (word) => (word >= 0 ? mapped(word) : -1), input.listedTimes),
    turnStartErrors,
  };
}

/**
 * The truth word where an output turn or chapter starts: a hesitation the cleanup removed just before it ("Eh, ma…")
 * does not move the start.
 */
function backOverFillers(truth: TruthEpisode, fromTruth: Int32Array, index: number): number {
  let start = index;
  while (start > 0 && fromTruth[start - 1]! < 0 && wordKeys(truth.words[start - 1]!.text).every(isHesitationKey))
    start--;
  return start;
}

/** The truth word of an output word, or of the first output word after it that has one. */
function mappedForward(leftToRight: Int32Array, index: number): number {
  for (let at = index; at < leftToRight.length && at < index + 10; at++)
    if (leftToRight[at]! >= 0) return leftToRight[at]!;
  return -1;
}

/** Short truth turns (after the first) found as an output turn by the same speaker, with their words, near their place. */
function shortTurnRecall(truth: TruthEpisode, output: EvaluatedOutput, toTruth: Int32Array): Ratio {
  const runs: Array<{ speaker: string; first: number; end: number }> = [];
  output.words.forEach((word, index) => {
    const last = runs[runs.length - 1];
    if (last && last.speaker === word.speaker) last.end = index + 1;
    else runs.push({ speaker: word.speaker, first: index, end: index + 1 });
  });
  const result = ratio();
  truth.turns.forEach((turn, index) => {
    if (index === 0 || turn.end - turn.first > SHORT) return;
    const keys = truth.words.slice(turn.first, turn.end).flatMap((word) => wordKeys(word.text));
    const found = runs.some((run) => {
      if (run.speaker !== turn.speaker || run.end - run.first > turn.end - turn.first + 3) return false;
      let position = -1;
      for (let at = run.first; at < run.end + 10 && position < 0 && at < toTruth.length; at++) position = toTruth[at]!;
      if (position < 0 || Math.abs(position - turn.first) > SHORT_DISTANCE) return false;
      const runKeys = new Set(output.words.slice(run.first, run.end).flatMap((word) => wordKeys(word.text)));
      return keys.filter((key) => runKeys.has(key)).length * 2 >= keys.length;
    });
    add(result, found ? 1 : 0);
  });
  return result;
}

function chapterCounts(
  truth: TruthEpisode,
  output: EvaluatedOutput,
  mapped: (outputWord: number) => number,
  listed: ListedTimes,
) {
  const within = ratio();
  const atSentence = ratio();
  const both = ratio();
  const nearListed = ratio();
  const misses: number[] = [];
  truth.chapters.forEach((chapter, index) => {
    const word = output.chapterWords[index] ?? -1;
    const truthWord = mapped(word);
    const isWithin = truthWord >= 0 && Math.abs(truth.words[truthWord]!.time - chapter.time) <= 15 ? 1 : 0;
    const isSentence = truthWord >= 0 && truth.words[truthWord]!.sentenceStart ? 1 : 0;
    add(within, isWithin);
    add(atSentence, isSentence);
    add(both, isWithin * isSentence);
    if (isWithin * isSentence === 0) misses.push(index);
    const listedTime = listed[index];
    if (listedTime !== undefined)
      add(nearListed, truthWord >= 0 && Math.abs(truth.words[truthWord]!.time - listedTime) <= 15 ? 1 : 0);
  });
  return {
    chaptersWithin: within,
    chaptersAtSentence: atSentence,
    chaptersBoth: both,
    chaptersNearListed: nearListed,
    chapterMisses: misses,
  };
}

function ratio(): Ratio {
  return { count: 0, total: 0 };
}

function add(target: Ratio, count: number): void {
  target.count += count;
  target.total++;
}

/** Adds the counts of several cases. */
export function sumCounts(all: readonly MetricCounts[]): MetricCounts {
  const total: MetricCounts = {
    speaker: ratio(),
    nearChange: ratio(),
    boundaries: { matched: 0, predicted: 0, actual: 0 },
    shortTurns: ratio(),
    coverage: ratio(),
    invented: ratio(),
    chaptersWithin: ratio(),
    chaptersAtSentence: ratio(),
    chaptersBoth: ratio(),
    chaptersNearListed: ratio(),
    turnStartErrors: [],
  };
  for (const counts of all) {
    for (const key of ["speaker", "nearChange", "shortTurns", "coverage", "invented"] as const) {
      total[key].count += counts[key].count;
      total[key].total += counts[key].total;
    }
    for (const key of ["chaptersWithin", "chaptersAtSentence", "chaptersBoth", "chaptersNearListed"] as const) {
      total[key].count += counts[key].count;
      total[key].total += counts[key].total;
    }
    total.boundaries.matched += counts.boundaries.matched;
    total.boundaries.predicted += counts.boundaries.predicted;
    total.boundaries.actual += counts.boundaries.actual;
    total.turnStartErrors.push(...counts.turnStartErrors);
  }
  return total;
}
