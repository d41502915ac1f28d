/**
 * Turns from speaker-labelled words: a turn is a run of words by one speaker, its paragraphs broken at sentence
 * starts once they grow long.
 * @module
 */
import type { TimedWord, Turn } from "../model/transcript.js";
import type { FusedWord } from "./fused-word.js";

/** Options of `buildTurns`. */
export interface TurnOptions {
  /** A paragraph is closed at the first sentence start after this many words. Default 100. */
  paragraphWords?: number;
}

/** The turns of `words`, in order; every word is in exactly one turn. */
export function buildTurns(words: readonly FusedWord[], options: TurnOptions = {}): Turn[] {
  const limit = options.paragraphWords ?? 100;
  const turns: Turn[] = [];
  for (let first = 0; first < words.length; ) {
    const speaker = words[first]!.speaker;
    let end = first + 1;
    while (end < words.length && words[end]!.speaker === speaker) end++;
    turns.push(turnOf(words.slice(first, end), limit));
    first = end;
  }
  return turns;
}

function turnOf(words: readonly FusedWord[], limit: number): Turn {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const word of words) {
    if (current.length >= limit && word.sentenceStart) {
      paragraphs.push(current.join(" "));
      current = [];
    }
    current.push(word.text);
  }
  if (current.length) paragraphs.push(current.join(" "));
  const first = words[0]!;
  const last = words[words.length - 1]!;
  return {
    speaker: first.speaker,
    ...(first.start !== undefined ? { start: first.start } : {}),
    ...(last.end !== undefined ? { end: last.end } : {}),
    paragraphs,
    words: words.map(timedWord),
  };
}

function timedWord(word: FusedWord): TimedWord {
  return {
    text: word.text,
    ...(word.start !== undefined ? { start: word.start } : {}),
    ...(word.end !== undefined ? { end: word.end } : {}),
    speaker: word.speaker,
  };
}
