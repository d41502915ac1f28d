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
import type { SourceWords } from "./source-words.js";
import type { ShortTurn } from "./speaker-transfer.js";

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
/** The same, for words the main alignment left without a counterpart: nothing else explains them. */
const ACCEPT_UNEXPLAINED = 0.45;
/** Words before and after the place a short turn is listed at where it is looked for as well. */
const LISTED_BEFORE = 3;
const LISTED_AFTER = 8;
/** Longest distance, in words, an interjection moves to reach a sentence boundary. */
const SNAP_WORDS = 8;

/** Places the short turns set aside by `transferSpeakers`; returns the new word list and what happened to each. */
export function placeShortTurns(input: {
  words: FusedWord[];
  shortTurns: readonly ShortTurn[];
  /** The main speaker source the words were aligned to: lets a turn be looked for where it is listed, too. */
  speakerWords?: SourceWords;
  options?: ShortTurnOptions;
}): { words: FusedWord[]; placements: ShortTurnPlacement[] } {
  const options = input.options ?? {};
  let words = input.words;
  const placements: ShortTurnPlacement[] = [];
  const restorations: ShortTurn[] = [];
  const listedAt = listingPositions(words, input.speakerWords);
  for (const shortTurn of input.shortTurns) {
    const { segment, index } = shortTurn;
    const speaker = segment.speaker ?? "";
    const placement: ShortTurnPlacement = { speaker, text: segment.text, outcome: "unplaced" };
    if (segment.start !== undefined) placement.time = segment.start;
    placements.push(placement);
    if (segment.start === undefined) continue;
    const found = findWords(words, segment, listedAt.get(shortTurn.after), options);
    if (found && (found.score >= ACCEPT || (found.explained === 0 && found.score >= ACCEPT_UNEXPLAINED))) {
      for (let at = found.first; at < found.end; at++) Object.assign(words[at]!, { speaker, shortTurn: index });
      placement.outcome = "found";
      placement.score = found.score;
    } else if (options.restoreDropped !== false) {
      restorations.push(shortTurn);
      placement.outcome = "restored";
    }
  }
  if (options.snapToSentences !== false) words = snapGroups(words);
  // Positions are taken after the moves; turns restored at one place keep the order they were listed in.
  const inserts = restorations.map((shortTurn, order) => ({
    at: restorePosition(words, shortTurn.segment.start!),
    order,
    words: restoredWords(shortTurn.segment, shortTurn.index),
  }));
  inserts.sort((first, second) => second.at - first.at || second.order - first.order);
  for (const insert of inserts) words.splice(insert.at, 0, ...insert.words);
  markSentenceStarts(words);
  return { words, placements };
}

/** For each main segment, the index of the first word after the last word aligned to it. */
function listingPositions(words: readonly FusedWord[], speakerWords: SourceWords | undefined): Map<number, number> {
  const positions = new Map<number, number>();
  if (!speakerWords) return positions;
  words.forEach((word, index) => {
    if (word.evidence >= 0) positions.set(speakerWords.words[word.evidence]!.segment, index + 1);
  });
  return positions;
}

/**
 * The run of accurate words most like the segment's words, not already another turn's, near its time or near where
 * it is listed (after the segment it interrupted, which is where an edited text puts it too).
 */
function findWords(
  words: readonly FusedWord[],
  segment: Segment,
  listed: number | undefined,
  options: ShortTurnOptions,
): { first: number; end: number; score: number; explained: number } | undefined {
  const keys = textKeys(segment.text);
  if (keys.length === 0) return undefined;
  const wordCount = segment.text.split(/\s+/).filter((text) => wordKeys(text).length > 0).length;
  const time = segment.start!;
  const starts = new Set<number>();
  for (let first = firstAtOrAfter(words, time - (options.before ?? 4)); first < words.length; first++) {
    if ((words[first]!.start ?? time) > time + (options.after ?? 15)) break;
    starts.add(first);
  }
  if (listed !== undefined) {
    for (
      let first = Math.max(0, listed - LISTED_BEFORE);
      first < Math.min(words.length, listed + LISTED_AFTER);
      first++
    )
      starts.add(first);
  }
  let best: { first: number; end: number; score: number; explained: number } | undefined;
  for (const first of [...starts].sort((a, b) => a - b)) {
    // The accurate source may write the words of the turn as one more or up to two fewer ("l'età" for "l' età").
    for (let length = Math.max(1, wordCount - 2); length <= wordCount + 1; length++) {
      const end = first + length;
      if (end > words.length) break;
      const run = words.slice(first, end);
      if (run.some((word) => word.shortTurn !== undefined || word.origin !== "text")) continue;
      const runKeys = run.flatMap((word) => word.keys);
      // Word by word, or letter by letter when the sources cut the words differently ("questosull'università"). Cut
      // differently, the letters still agree closely: a looser letter match is other words that share a few sounds
      // ("giusto?" is not "Sì, esatto."), so it counts only at the acceptance level.
      const letters = keySimilarity(keys.join(""), runKeys.join(""));
      const likeness = Math.max(sequenceLikeness(keys, runKeys), letters >= ACCEPT ? letters : 0);
      // Words the speaker source already explains, as its main text, are less likely to be the interjection.
      const explained = run.filter((word) => word.similarity >= 0.99).length / run.length;
      // Nearness to the turn's time, or to where it is listed: a few seconds, or a few words, make a difference.
      const seconds = Math.abs((run[0]!.start ?? time) - time);
      const nearness = Math.min(0.005 * seconds, listed === undefined ? 1 : 0.02 * Math.abs(first - listed));
      const score = likeness - 0.35 * explained - nearness;
      if (!best || score > best.score) best = { first, end, score, explained };
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
