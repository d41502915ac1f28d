/**
 * A word of the fused transcript while the fusion works on it: the accurate source's word with the speaker, time and
 * evidence the speaker source gave it.
 * @module
 */

/** Where a fused word's text came from. */
export type WordOrigin = "text" | "speakers" | "model";

/** One word of the fused transcript. */
export interface FusedWord {
  /** As written by its source (or corrected by the glossary or an accepted LLM fix). */
  text: string;
  /** Its alignment keys (`wordKeys(text)`), kept in step with `text`. */
  keys: string[];
  /** Seconds. */
  start?: number;
  end?: number;
  speaker: string;
  /**
   * `text` for the accurate source's words; `speakers` for a short interjection the accurate source does not have
   * (crosstalk dropped it), restored from the speaker source; `model` for a jargon fix a model proposed and the checks
   * accepted.
   */
  origin: WordOrigin;
  /** Index of the word in its source's word list. */
  sourceIndex: number;
  /** Index of the speaker-source word aligned to it (main alignment), or -1. */
  evidence: number;
  /** How alike the word and its evidence are, 0 to 1 (0 without evidence). */
  similarity: number;
  /** First word of a sentence, by the accurate source's punctuation or, where it has none, the speaker source's. */
  sentenceStart: boolean;
  /** Set on the words of a short turn of its own (an interjection): the index of the speaker-source segment. */
  shortTurn?: number;
}

/** Whether the word ends a sentence, as seen from the next word's `sentenceStart`. */
export function sentenceEndsAfter(words: readonly FusedWord[], index: number): boolean {
  const next = words[index + 1];
  return next === undefined || next.sentenceStart;
}
