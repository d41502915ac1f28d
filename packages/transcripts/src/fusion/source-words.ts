/**
 * A parsed transcript as a sequence of words with estimated times, and the alignment keys of those words.
 * @module
 */
import type { Segment, Transcript } from "../model/transcript.js";
import { endsSentence, wordKeys } from "./normalize.js";

/** One written word of a source, with what the source says about it. */
export interface SourceWord {
  /** As written, punctuation included. */
  text: string;
  /** Seconds; from the segment's times, spread over its words by length. Absent when the source has no times. */
  start?: number;
  end?: number;
  speaker?: string;
  /** Index of the segment the word came from. */
  segment: number;
  /** First word of a segment or of a paragraph inside one. */
  paragraphStart: boolean;
  /** First word of a sentence: the first word, or after a word that ends one. */
  sentenceStart: boolean;
  /** Its alignment keys are `keys[firstUnit … firstUnit + unitCount - 1]`. */
  firstUnit: number;
  unitCount: number;
}

/** The words of a source and their alignment keys ("units": a word has one or more). */
export interface SourceWords {
  words: SourceWord[];
  /** The key of every unit, in order. */
  keys: string[];
  /** The word every unit belongs to. */
  unitWord: Int32Array;
}

/** Fastest speech a segment's time span is trusted to hold: below this, a later start is not its end. */
const MAX_WORDS_PER_SECOND = 6;
/** Speech rate assumed for the last segment, which has no following start. */
const WORDS_PER_SECOND = 2.6;

/**
 * Splits a transcript into words. Times are spread over a segment's words by length; a segment without an end
 * ends where a later segment starts, skipping starts so early that the segment could not have been said by then
 * (the recording tool lists interjections after the paragraph they interrupted, at their own earlier times).
 */
export function sourceWords(transcript: Transcript): SourceWords {
  const segments = transcript.segments;
  const ends = segmentEnds(segments);
  const words: SourceWord[] = [];
  const keys: string[] = [];
  const unitWords: number[] = [];
  const pendingPrefix: string[] = [];
  segments.forEach((segment, segmentIndex) => {
    const paragraphs = segment.text.split(/\n\s*\n/);
    const pieces: Array<{ text: string; paragraphStart: boolean }> = [];
    for (const paragraph of paragraphs) {
      const tokens = paragraph.split(/\s+/).filter(Boolean);
      tokens.forEach((token, index) => {
        pieces.push({ text: token, paragraphStart: index === 0 });
      });
    }
    const first = words.length;
    for (const piece of pieces) {
      const pieceKeys = wordKeys(piece.text);
      const previous = words[words.length - 1];
      if (pieceKeys.length === 0) {
        // Punctuation alone ("—", "...") belongs to the word before it in this segment, or to the next one.
        if (previous && words.length > first) previous.text = `${previous.text} ${piece.text}`;
        else pendingPrefix.push(piece.text);
        continue;
      }
      const text = pendingPrefix.length ? `${pendingPrefix.splice(0).join(" ")} ${piece.text}` : piece.text;
      words.push({
        text,
        segment: segmentIndex,
        paragraphStart: piece.paragraphStart || words.length === first,
        sentenceStart: previous === undefined || endsSentence(previous.text),
        firstUnit: keys.length,
        unitCount: pieceKeys.length,
        ...(segment.speaker !== undefined ? { speaker: segment.speaker } : {}),
      });
      for (const key of pieceKeys) {
        keys.push(key);
        unitWords.push(words.length - 1);
      }
    }
    spreadTimes(words, first, segment.start, ends[segmentIndex]);
  });
  const last = words[words.length - 1];
  if (last && pendingPrefix.length) last.text = `${last.text} ${pendingPrefix.join(" ")}`;
  return { words, keys, unitWord: Int32Array.from(unitWords) };
}

function segmentEnds(segments: readonly Segment[]): Array<number | undefined> {
  return segments.map((segment, index) => {
    if (segment.end !== undefined || segment.start === undefined) return segment.end;
    const count = segment.text.split(/\s+/).filter(Boolean).length;
    const earliest = segment.start + count / MAX_WORDS_PER_SECOND;
    for (let next = index + 1; next < segments.length; next++) {
      const start = segments[next]!.start;
      if (start !== undefined && start >= earliest) return start;
    }
    return segment.start + count / WORDS_PER_SECOND;
  });
}

function spreadTimes(words: SourceWord[], first: number, start: number | undefined, end: number | undefined): void {
  if (start === undefined || first >= words.length) return;
  const stop = end !== undefined && end > start ? end : start + (words.length - first) / WORDS_PER_SECOND;
  let total = 0;
  for (let index = first; index < words.length; index++) total += words[index]!.text.length + 1;
  let elapsed = 0;
  for (let index = first; index < words.length; index++) {
    const word = words[index]!;
    const weight = word.text.length + 1;
    word.start = start + ((stop - start) * elapsed) / total;
    elapsed += weight;
    word.end = start + ((stop - start) * elapsed) / total;
  }
}

/** The alignment keys of a list of written words, and the word each key belongs to. */
export function keyUnits(texts: readonly string[]): { keys: string[]; unitWord: Int32Array } {
  const keys: string[] = [];
  const unitWord: number[] = [];
  texts.forEach((text, index) => {
    for (const key of wordKeys(text)) {
      keys.push(key);
      unitWord.push(index);
    }
  });
  return { keys, unitWord: Int32Array.from(unitWord) };
}
