/**
 * Short interjections ("Ciao!", "bene.", "Buono") become turns of their own. The recording tool lists them after the
 * paragraph they interrupted, at their own times, so they are not aligned in file order: each is looked for among
 * the accurate source's words near its time, and those words become its turn. One that crosstalk dropped from the
 * accurate source is restored from the speaker source at its time, at a sentence boundary; one caught in the middle
 * of the interrupted sentence moves to that sentence's end or start (the words stay the same, only their order
 * around simultaneous speech changes).
 * @module
 */
import type { Segment } from "../model/transcript.js";
import type { FusedWord } from "./fused-word.js";
import { endsSentence, keySimilarity, textKeys, wordKeys } from "./normalize.js";

/** Options of `placeShortTurns`. */
export interface ShortTurnOptions {
  /** Restore an interjection the accurate source does not have from the speaker source. Default true. */
  restoreDropped?: boolean;
  /** Move an interjection found inside the interrupted speaker's sentence to the nearest sentence boundary. Default true. */
  snapToSentences?: boolean;
  /** How far before and after its time an interjection is looked for, in seconds. Default 4 and 15. */
  before?: number;
  after?: number;
}

/** What became of one short turn. */
export interface ShortTurnPlacement {
  speaker: string;
  text: string;
  /** Seconds, as the speaker source gives it. */
  time?: number;
  outcome: "found" | "restored" | "unplaced";
  /** How alike the words found are to the speaker source's, 0 to 1. */
  score?: number;
}

/** Minimum likeness of the accurate words to an interjection's words for them to be its turn. */
const ACCEPT = 0.65;
/** Longest distance, in words, an interjection moves to reach a sentence boundary. */
const SNAP_WORDS = 8;

/** Places the short turns set aside by `transferSpeakers`; returns the new word list and what happened to each. */
export function placeShortTurns(input: {
  words: FusedWord[];
  shortTurns: ReadonlyArray<{ segment: Segment; index: number }>;
  options?: ShortTurnOptions;
}): { words: FusedWord[]; placements: ShortTurnPlacement[] } {
  const options = input.options ?? {};
  let words = input.words;
  const placements: ShortTurnPlacement[] = [];
  const restorations: Array<{ at: number; words: FusedWord[] }> = [];
  for (const { segment, index } of input.shortTurns) {
    const speaker = segment.speaker ?? "";
    const placement: ShortTurnPlacement = { speaker, text: segment.text, outcome: "unplaced" };
    if (segment.start !== undefined) placement.time = segment.start;
    placements.push(placement);
    if (segment.start === undefined) continue;
    const found = findWords(words, segment, options);
    if (found && found.score >= ACCEPT) {
      for (let at = found.first; at < found.end; at++) Object.assign(words[at]!, { speaker, shortTurn: index });
      placement.outcome = "found";
      placement.score = found.score;
    } else if (options.restoreDropped !== false) {
      restorations.push({ at: restorePosition(words, segment.start), words: restoredWords(segment, index) });
      placement.outcome = "restored";
    }
  }
  if (options.snapToSentences !== false) words = snapGroups(words);
  restorations.sort((first, second) => second.at - first.at);
  for (const restoration of restorations) words.splice(restoration.at, 0, ...restoration.words);
  markSentenceStarts(words);
  return { words, placements };
}

/** The run of accurate words near the segment's time most like its words, not already another turn's. */
function findWords(
  words: readonly FusedWord[],
  segment: Segment,
  options: ShortTurnOptions,
): { first: number; end: number; score: number } | undefined {
  const keys = textKeys(segment.text);
  if (keys.length === 0) return undefined;
  const time = segment.start!;
  const from = firstAtOrAfter(words, time - (options.before ?? 4));
  let best: { first: number; end: number; score: number } | undefined;
  for (
    let first = from;
    first < words.length && (words[first]!.start ?? time) <= time + (options.after ?? 15);
    first++
  ) {
    for (let length = Math.max(1, keys.length - 1); length <= keys.length + 1; length++) {
      const end = first + length;
      if (end > words.length) break;
      const run = words.slice(first, end);
      if (run.some((word) => word.shortTurn !== undefined || word.origin !== "text")) continue;
      const likeness = sequenceLikeness(
        keys,
        run.flatMap((word) => word.keys),
      );
      // Words the speaker source already explains, as its main text, are less likely to be the interjection.
      const explained = run.filter((word) => word.similarity >= 0.99).length / run.length;
      const distance = Math.abs((run[0]!.start ?? time) - time);
      const score = likeness - 0.35 * explained - 0.005 * distance;
      if (!best || score > best.score) best = { first, end, score };
    }
  }
  return best;
}

/** 1 minus the edit distance of two short key sequences (substitutions scored by likeness) over the longer length. */
export function sequenceLikeness(first: readonly string[], second: readonly string[]): number {
  const width = second.length + 1;
  let previous = Array.from({ length: width }, (_, column) => column);
  for (let row = 1; row <= first.length; row++) {
    const current = [row];
    for (let column = 1; column <= second.length; column++) {
      const substitution = 1 - keySimilarity(first[row - 1]!, second[column - 1]!);
      current[column] = Math.min(previous[column - 1]! + substitution, previous[column]! + 1, current[column - 1]! + 1);
    }
    previous = current;
  }
  return 1 - previous[second.length]! / Math.max(first.length, second.length, 1);
}

function firstAtOrAfter(words: readonly FusedWord[], time: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((words[middle]!.start ?? 0) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Moves each group of adjacent interjections (one or several speakers' "Ciao!") that sits inside one speaker's
 * sentence to the nearest end of that sentence (after) or start (before), within a few words; their order is kept.
 */
function snapGroups(words: FusedWord[]): FusedWord[] {
  let result = words;
  for (let first = 0; first < result.length; first++) {
    if (result[first]!.shortTurn === undefined) continue;
    let end = first + 1;
    while (end < result.length && result[end]!.shortTurn !== undefined) end++;
    result = snapToSentence(result, first, end);
    // Continue after the group, wherever it went: its words are all short-turn words, found again and skipped.
    first = end - 1;
  }
  return result;
}

/**
 * When the interjections `words[first … end - 1]` sit inside one speaker's sentence, moves them to the nearest end of
 * that sentence (after) or start (before) within a few words of that speaker.
 */
function snapToSentence(words: FusedWord[], first: number, end: number): FusedWord[] {
  const host = words[first - 1]?.speaker;
  const isHost = (word: FusedWord | undefined) =>
    word !== undefined && word.speaker === host && word.shortTurn === undefined;
  if (host === undefined || !isHost(words[first - 1]) || !isHost(words[end]) || endsSentence(words[first - 1]!.text))
    return words;
  let target = -1;
  for (let step = 1; step <= SNAP_WORDS && target < 0; step++) {
    const after = end + step - 1;
    if (isHost(words[after]) && endsSentence(words[after]!.text)) target = after + 1;
    const before = first - step;
    if (target < 0 && before > 0 && isHost(words[before]) && endsSentence(words[before - 1]!.text)) target = before;
  }
  if (target < 0) return words;
  const run = words.slice(first, end);
  const rest = [...words.slice(0, first), ...words.slice(end)];
  const at = target > first ? target - run.length : target;
  // The moved words take the time of their new place, so times still increase.
  const time = rest[at]?.start ?? rest[at - 1]?.end;
  if (time !== undefined) for (const word of run) Object.assign(word, { start: time, end: time });
  rest.splice(at, 0, ...run);
  return rest;
}

/** Where a restored interjection goes: the sentence start nearest its time, within a few words; else at its time. */
function restorePosition(words: readonly FusedWord[], time: number): number {
  const at = firstAtOrAfter(words, time);
  for (let step = 0; step <= SNAP_WORDS; step++) {
    if (words[at + step]?.sentenceStart) return at + step;
    if (at - step > 0 && words[at - step]?.sentenceStart) return at - step;
  }
  return at;
}

function restoredWords(segment: Segment, index: number): FusedWord[] {
  return segment.text
    .split(/\s+/)
    .map((text) => ({ text, keys: wordKeys(text) }))
    .filter((word) => word.keys.length > 0)
    .map(({ text, keys }, position) => ({
      text,
      keys,
      start: segment.start!,
      end: segment.start!,
      speaker: segment.speaker ?? "",
      origin: "speakers",
      sourceIndex: position,
      evidence: -1,
      similarity: 0,
      sentenceStart: position === 0,
      shortTurn: index,
    }));
}

/**
 * Sentence starts after the turns have moved: a word starts a sentence when it starts a turn, or when the last word
 * before it by the same speaker ended one (an interjection's own "!" does not end its host's sentence).
 */
export function markSentenceStarts(words: FusedWord[]): void {
  const lastBySpeaker = new Map<string, FusedWord>();
  words.forEach((word, index) => {
    const previous = words[index - 1];
    const own = lastBySpeaker.get(word.speaker);
    const turnStart =
      previous === undefined || previous.speaker !== word.speaker || previous.shortTurn !== word.shortTurn;
    word.sentenceStart = (turnStart && word.shortTurn !== undefined) || own === undefined || endsSentence(own.text);
    if (turnStart && previous !== undefined && previous.shortTurn === undefined && word.shortTurn === undefined)
      word.sentenceStart = true;
    lastBySpeaker.set(word.speaker, word);
  });
}
