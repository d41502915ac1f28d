/**
 * Speaker transfer: every word of the accurate source gets the speaker (and, where it has no time, the time) of the
 * speaker-source word aligned to it; words without a counterpart take their neighbours' speaker, split at a sentence
 * start where the neighbours differ.
 * @module
 */
import type { Segment, Transcript } from "../model/transcript.js";
import { type Alignment, alignSequences } from "./align.js";
import type { FusedWord } from "./fused-word.js";
import { endsClause, endsSentence } from "./normalize.js";
import { type SourceWord, type SourceWords, sourceWords } from "./source-words.js";

/** Options of `transferSpeakers`. */
export interface TransferOptions {
  /**
   * Speaker-source turns of at most this many words, by someone other than the speaker before them, are set aside
   * and placed by their time and words (`placeShortTurns`): the recording tool lists interjections after the
   * paragraph they interrupted. Default 5.
   */
  shortTurnWords?: number;
  /** How far apart in time two words may be and still anchor the alignment, in seconds. Default 90. */
  timeTolerance?: number;
}

/** A short turn of the speaker source, set aside to be placed on its own. */
export interface ShortTurn {
  segment: Segment;
  /** Its index among the speaker source's segments. */
  index: number;
  /** The index, among the main segments (`Transfer.speakerWords`' segments), of the segment listed before it. */
  after: number;
}

/** The accurate source's words with speakers, and what the speaker source contributed. */
export interface Transfer {
  words: FusedWord[];
  /** The speaker source without its short turns, as aligned. */
  speakerWords: SourceWords;
  /** The short turns set aside. */
  shortTurns: ShortTurn[];
  alignment: Alignment;
  /** Whether the accurate source has times of its own. */
  timed: boolean;
}

/** Aligns the accurate source to the speaker source and gives every accurate word a speaker. */
export function transferSpeakers(input: {
  text: Transcript;
  speakers: Transcript;
  options?: TransferOptions;
}): Transfer {
  const { main, shortTurns } = setAsideShortTurns(input.speakers, input.options?.shortTurnWords ?? 5);
  const speakerWords = sourceWords(main);
  const textWords = sourceWords(input.text);
  const timed = textWords.words.some((word) => word.start !== undefined);
  const alignment = alignSequences({
    left: textWords.keys,
    right: speakerWords.keys,
    leftTimes: timed ? unitTimes(textWords) : undefined,
    rightTimes: unitTimes(speakerWords),
    timeTolerance: input.options?.timeTolerance ?? 90,
  });
  const words = textWords.words.map((word, index) => fusedFrom(word, index, textWords, speakerWords, alignment));
  fillSpeakers(words, speakerWords, timed, main.segments[0]?.speaker ?? "Speaker");
  if (!timed) interpolateTimes(words, speakerWords);
  if (!isPunctuated(textWords.words)) borrowPunctuation(words, speakerWords);
  return { words, speakerWords, shortTurns, alignment, timed };
}

/** Short turns by someone other than the speaker before them go aside; the rest is the main speaker source. */
export function setAsideShortTurns(
  speakers: Transcript,
  maxWords: number,
): { main: Transcript; shortTurns: ShortTurn[] } {
  const main: Segment[] = [];
  const shortTurns: ShortTurn[] = [];
  speakers.segments.forEach((segment, index) => {
    const previous = main[main.length - 1];
    const count = segment.text.split(/\s+/).filter(Boolean).length;
    if (previous && count <= maxWords && segment.speaker !== previous.speaker)
      shortTurns.push({ segment, index, after: main.length - 1 });
    else main.push(segment);
  });
  return { main: { ...speakers, segments: main }, shortTurns };
}

function unitTimes(source: SourceWords): Float64Array {
  return Float64Array.from(source.unitWord, (word) => source.words[word]!.start ?? Number.NaN);
}

function fusedFrom(
  word: SourceWord,
  index: number,
  textWords: SourceWords,
  speakerWords: SourceWords,
  alignment: Alignment,
): FusedWord {
  let evidence = -1;
  let similarity = 0;
  for (let unit = word.firstUnit; unit < word.firstUnit + word.unitCount; unit++) {
    const right = alignment.leftToRight[unit]!;
    if (right < 0) continue;
    if (evidence < 0) evidence = speakerWords.unitWord[right]!;
    similarity = Math.max(similarity, alignment.similarity[unit]!);
  }
  return {
    text: word.text,
    keys: textWords.keys.slice(word.firstUnit, word.firstUnit + word.unitCount),
    ...(word.start !== undefined ? { start: word.start, end: word.end } : {}),
    speaker: evidence >= 0 ? speakerWords.words[evidence]!.speaker! : "",
    origin: "text",
    sourceIndex: index,
    evidence,
    similarity,
    sentenceStart: word.sentenceStart,
  };
}

/**
 * Gives a speaker to the words without evidence: a run between two words of one speaker is theirs; between two
 * speakers, it is split where the second speaker's turn starts in time (when the accurate source is timed), moved to
 * the nearest sentence start inside the run.
 */
function fillSpeakers(words: FusedWord[], speakerWords: SourceWords, timed: boolean, fallback: string): void {
  for (let first = 0; first < words.length; ) {
    if (words[first]!.speaker !== "") {
      first++;
      continue;
    }
    let end = first;
    while (end < words.length && words[end]!.speaker === "") end++;
    const before = words[first - 1];
    const after = words[end];
    const left = before?.speaker ?? after?.speaker ?? fallback;
    const right = after?.speaker ?? left;
    const boundary = left === right ? end : splitPoint(words, first, end, after, speakerWords, timed);
    for (let index = first; index < end; index++) words[index]!.speaker = index < boundary ? left : right;
    first = end;
  }
}

function splitPoint(
  words: FusedWord[],
  first: number,
  end: number,
  after: FusedWord | undefined,
  speakerWords: SourceWords,
  timed: boolean,
): number {
  const candidates: number[] = [];
  for (let index = first; index <= end; index++) {
    if (index === end || words[index]!.sentenceStart) candidates.push(index);
  }
  const turnStart = after && after.evidence >= 0 ? segmentStart(speakerWords, after.evidence) : undefined;
  if (!timed || turnStart === undefined) return candidates[0]!;
  const timeAt = (index: number) => (index < words.length ? (words[index]!.start ?? turnStart) : turnStart);
  let best = candidates[0]!;
  for (const candidate of candidates) {
    if (Math.abs(timeAt(candidate) - turnStart) < Math.abs(timeAt(best) - turnStart)) best = candidate;
  }
  return best;
}

/** The start time of the segment a speaker-source word belongs to. */
function segmentStart(speakerWords: SourceWords, word: number): number | undefined {
  const segment = speakerWords.words[word]!.segment;
  let first = word;
  while (first > 0 && speakerWords.words[first - 1]!.segment === segment) first--;
  return speakerWords.words[first]!.start;
}

/** Times for an untimed accurate source: its evidence's times; words without evidence take the last time before. */
function interpolateTimes(words: FusedWord[], speakerWords: SourceWords): void {
  let last: number | undefined;
  for (const word of words) {
    const evidence = word.evidence >= 0 ? speakerWords.words[word.evidence] : undefined;
    if (evidence?.start !== undefined && (last === undefined || evidence.start >= last)) {
      word.start = evidence.start;
      word.end = evidence.end;
      last = evidence.start;
    }
  }
  const first = words.find((word) => word.start !== undefined)?.start ?? 0;
  last = first;
  for (const word of words) {
    if (word.start === undefined) {
      word.start = last;
      word.end = last;
    }
    last = word.start;
  }
}

function sameKeys(keys: readonly string[], source: SourceWords, word: SourceWord): boolean {
  if (keys.length !== word.unitCount) return false;
  return keys.every((key, index) => key === source.keys[word.firstUnit + index]);
}

/** Whether a source punctuates sentences (machine captions do not). */
function isPunctuated(words: readonly SourceWord[]): boolean {
  let ends = 0;
  for (const word of words) if (endsSentence(word.text)) ends++;
  return words.length === 0 || ends * 80 >= words.length;
}

/**
 * Machine captions have neither punctuation nor capitals: where the speaker source has the same word, its spelling
 * (capitals, punctuation) is taken; where it has another, its sentence and clause breaks are. The words themselves
 * stay the accurate source's.
 */
function borrowPunctuation(words: FusedWord[], speakerWords: SourceWords): void {
  // Caption words sharing one speaker-source word: the one spelled like it takes its spelling (the others are words
  // the speaker source missed: "cose c'era" ↔ "cose."); without one, the last takes its punctuation (a split word).
  for (let first = 0; first < words.length; ) {
    let end = first + 1;
    while (end < words.length && words[end]!.evidence === words[first]!.evidence) end++;
    const evidence = words[first]!.evidence >= 0 ? speakerWords.words[words[first]!.evidence] : undefined;
    if (evidence) {
      const group = words.slice(first, end);
      const same = group.find((word) => sameKeys(word.keys, speakerWords, evidence));
      if (same) same.text = evidence.text;
      else if (endsClause(evidence.text)) group[group.length - 1]!.text += trailingPunctuation(evidence.text);
    }
    first = end;
  }
  punctuateUnclaimed(words, speakerWords);
  words.forEach((word, index) => {
    const previous = words[index - 1];
    word.sentenceStart = index === 0 || (previous !== undefined && endsSentence(previous.text));
    if (word.sentenceStart) word.text = word.text.charAt(0).toUpperCase() + word.text.slice(1);
  });
}

/**
 * Where the speaker source misheard the end of a sentence, the word that carries its full stop may be nobody's
 * evidence ("workload" ↔ "uor cload.", the caption word aligned to "uor"), yet the sentence ended there. The
 * punctuation ending the speaker-source words between two aligned caption words goes on the caption word just before
 * the second (the first itself, or the last of the caption words without evidence between them).
 */
function punctuateUnclaimed(words: FusedWord[], speakerWords: SourceWords): void {
  let claimed = -1;
  for (let index = 0; index <= words.length; index++) {
    const evidence = index < words.length ? words[index]!.evidence : speakerWords.words.length;
    if (evidence < 0) continue;
    const heard = evidence - 1 > claimed ? speakerWords.words[evidence - 1] : undefined;
    const last = words[index - 1];
    if (heard && last && endsClause(heard.text) && !endsClause(last.text)) last.text += trailingPunctuation(heard.text);
    claimed = Math.max(claimed, evidence);
  }
}

function trailingPunctuation(text: string): string {
  return text.match(/[,;:.?!…]+$/)?.[0] ?? "";
}
