/**
 * The units a document is split into, as spans that cover its text exactly (each unit keeps the separator after it),
 * so that any run of units is a slice of the source.
 * @module
 */
import { splitSentences, type TextSpan } from "./sentence-splitter.js";

/**
 * What a splitter counts: `word` (text up to the next whitespace run, Haystack splits at single spaces), `sentence`
 * (English- and Italian-aware, see `splitSentences`), `passage` (paragraphs separated by blank lines), `page` (form
 * feeds, `\f`), `line`, `period` (Haystack's split at every `.`), or `token` (words, weighed by a token counter).
 */
export type SplitBy = "word" | "sentence" | "passage" | "page" | "line" | "period" | "token";

/** Every `SplitBy` value. */
export const splitByValues: readonly SplitBy[] = ["word", "sentence", "passage", "page", "line", "period", "token"];

/** Counts the tokens of a piece of text, for splitting by token: pass your model's tokenizer for exact counts. */
export type TokenCounter = (text: string) => number;

/**
 * A tokenizer-free estimate of a text's token count, close to BPE tokenizers (GPT, Llama) and on the high side for
 * safety: one token per four letters of a word (rounded up), per three digits of a number, and per punctuation mark.
 */
export const estimateTokens: TokenCounter = (text) => {
  let count = 0;
  for (const match of text.matchAll(/[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]/gu)) {
    const piece = match[0];
    const first = piece.codePointAt(0)!;
    if (/\p{N}/u.test(String.fromCodePoint(first))) count += Math.ceil(piece.length / 3);
    else if (/[\p{L}\p{M}]/u.test(String.fromCodePoint(first))) count += Math.ceil(piece.length / 4);
    else count += 1;
  }
  return count;
};

const separators: Record<Exclude<SplitBy, "sentence">, RegExp> = {
  word: /\s+/g,
  token: /\s+/g,
  passage: /\n[^\S\n]*\n\s*/g,
  page: /\f/g,
  line: /\n/g,
  period: /\./g,
};

/** The units of `text` for `splitBy`; empty units are left out. */
export function textUnits(text: string, splitBy: SplitBy, language = "en"): TextSpan[] {
  if (splitBy === "sentence") return splitSentences(text, language);
  const units: TextSpan[] = [];
  let start = 0;
  // Leading whitespace is not a word or a passage: it belongs to the first one.
  const leadingJoins = splitBy === "word" || splitBy === "token" || splitBy === "passage";
  for (const match of text.matchAll(separators[splitBy])) {
    const end = match.index + match[0].length;
    if (leadingJoins && match.index === 0) continue;
    if (end > start) units.push({ start, end });
    start = end;
  }
  if (start < text.length) units.push({ start, end: text.length });
  return units;
}
