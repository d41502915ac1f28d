/**
 * Jargon fixes by a language model, in low-agreement spans only: where the two sources heard different words (names of
 * models, companies, people are typical), the model is shown the passage and what the other source heard, and asked for
 * the span corrected. Its answer is re-aligned against the sources and rejected when it changes a word both sources
 * agree on, adds words that neither source nor the glossary supports, or changes the span's length by more than two
 * words. The model never gets to copy text: only the span it was asked about can change, word by checked word.
 * @module
 */
import { alignSequences } from "./align.js";
import type { FusedWord } from "./fused-word.js";
import type { GlossaryEntry } from "./glossary.js";
import { askForJson, fence, type GeneratorInput, toGenerator } from "./llm-reply.js";
import { keySimilarity, textKeys, wordKeys } from "./normalize.js";
import { keyUnits, type SourceWords } from "./source-words.js";

/** Options of `fixJargon`. */
export interface JargonOptions {
  /** Most spans sent to the model, the least agreeing first. Default 40. */
  maxSpans?: number;
  /** Words of context shown either side of a span. Default 12. */
  context?: number;
}

/** What happened to one span. */
export interface JargonFix {
  /** Index of the span's first word in the list before any fix. */
  index: number;
  span: string;
  heard: string;
  reply?: string;
  outcome: "accepted" | "rejected" | "unchanged";
  reason?: string;
}

/** Below this likeness the sources disagree on a word. */
const DISAGREE = 0.75;
const MAX_SPAN_WORDS = 6;

const SYSTEM = [
  "You correct speech-recognition errors in technical terms of an Italian podcast transcript: names of AI models,",
  "companies, products, people. You get a passage with a span marked by ⟦ and ⟧, and what a second recording heard",
  "for that span. Correct only mis-recognised terms inside the span; keep every other word exactly as it is.",
  'Reply with JSON only: {"passage": "<the whole passage, corrected, without the ⟦ ⟧ marks>"}.',
].join(" ");

/** Finds the low-agreement spans, asks the model about each, and applies the fixes that pass the checks. */
export async function fixJargon(input: {
  words: readonly FusedWord[];
  speakerWords: SourceWords;
  generator: GeneratorInput;
  glossary?: readonly GlossaryEntry[];
  options?: JargonOptions;
  signal?: AbortSignal;
}): Promise<{ words: FusedWord[]; fixes: JargonFix[] }> {
  const generator = toGenerator(input.generator);
  const context = input.options?.context ?? 12;
  const spans = disagreements(input.words).slice(0, input.options?.maxSpans ?? 40);
  const terms = [...new Set((input.glossary ?? []).map((entry) => entry.term))];
  const fixes = await Promise.all(
    spans.map(async ({ first, end }): Promise<JargonFix & { words?: FusedWord[] }> => {
      const from = Math.max(0, first - context);
      const passage = input.words.slice(from, Math.min(input.words.length, end + context));
      const span = { first: first - from, end: end - from };
      const heard = heardFor(input.words.slice(first, end), input.speakerWords);
      const fix: JargonFix = { index: first, span: textOf(input.words.slice(first, end)), heard, outcome: "unchanged" };
      const marked = `${textOf(passage.slice(0, span.first))} ⟦${fix.span}⟧ ${textOf(passage.slice(span.end))}`;
      const { value, reply } = await askForJson({
        generator,
        system: SYSTEM,
        user: `Passage:\n${fence(marked.trim())}\nThe second recording heard the span as:\n${fence(heard)}${terms.length ? `\nTerms of this show: ${terms.join(", ")}.` : ""}`,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      fix.reply = reply;
      const proposed = typeof value?.passage === "string" ? value.passage.replace(/[⟦⟧]/g, " ") : undefined;
      if (proposed === undefined) return { ...fix, outcome: "rejected", reason: "the reply holds no passage" };
      const verdict = checkFix({ passage, span, proposed, heard, terms });
      if (!verdict.accepted) return { ...fix, outcome: "rejected", reason: verdict.reason };
      if (verdict.replacement === fix.span) return fix;
      const words = replacementWords(input.words.slice(first, end), verdict.replacement);
      return { ...fix, outcome: "accepted", words };
    }),
  );
  const words = [...input.words];
  for (const fix of [...fixes].sort((first, second) => second.index - first.index)) {
    if (fix.words)
      words.splice(fix.index, spans.find((span) => span.first === fix.index)!.end - fix.index, ...fix.words);
  }
  return { words, fixes: fixes.map(({ words: _, ...fix }) => fix) };
}

/** Runs of words the sources disagree on (a word heard otherwise, or not at all), least agreeing first. */
export function disagreements(words: readonly FusedWord[]): Array<{ first: number; end: number }> {
  const spans: Array<{ first: number; end: number; score: number }> = [];
  for (let first = 0; first < words.length; first++) {
    if (!disagrees(words[first]!)) continue;
    let end = first + 1;
    while (
      end < words.length &&
      end - first < MAX_SPAN_WORDS &&
      disagrees(words[end]!) &&
      words[end]!.speaker === words[first]!.speaker
    )
      end++;
    const run = words.slice(first, end);
    // A run with no word heard otherwise (only words the other source lacks) has nothing to compare: skip it.
    if (run.some((word) => word.evidence >= 0)) {
      spans.push({ first, end, score: run.reduce((sum, word) => sum + word.similarity, 0) / run.length });
    }
    first = end - 1;
  }
  return spans.sort((a, b) => a.score - b.score || a.first - b.first).map(({ first, end }) => ({ first, end }));
}

function disagrees(word: FusedWord): boolean {
  return word.origin === "text" && word.similarity < DISAGREE;
}

/**
 * Whether a model's corrected passage may be taken, and the span's replacement if so. The proposal is aligned to the
 * passage: every word outside the span, and every word inside it that both sources agree on, must be there unchanged;
 * what stands in the span's place must be the original, close to it or to what the speaker source heard, or a
 * glossary term, and at most two words longer or shorter.
 */
export function checkFix(input: {
  passage: readonly FusedWord[];
  span: { first: number; end: number };
  proposed: string;
  heard: string;
  terms?: readonly string[];
}): { accepted: true; replacement: string } | { accepted: false; reason: string } {
  const { passage, span } = input;
  const proposedWords = input.proposed.split(/\s+/).filter((word) => wordKeys(word).length > 0);
  const proposed = keyUnits(proposedWords);
  if (proposed.keys.length === 0) return { accepted: false, reason: "the reply is empty" };
  const originalKeys = passage.flatMap((word) => word.keys);
  const { leftToRight } = alignSequences({ left: originalKeys, right: proposed.keys });
  const insideSpan = new Uint8Array(proposed.keys.length).fill(1);
  let unit = 0;
  for (let index = 0; index < passage.length; index++) {
    const word = passage[index]!;
    const inSpan = index >= span.first && index < span.end;
    for (let offset = 0; offset < word.keys.length; offset++, unit++) {
      const right = leftToRight[unit]!;
      const kept = right >= 0 && proposed.keys[right] === originalKeys[unit];
      if (kept && !inSpan) insideSpan[right] = 0;
      if (kept || (inSpan && word.similarity < 1)) continue;
      const which = inSpan ? "both sources agree on" : "is outside the span";
      return { accepted: false, reason: `the reply changes '${word.text}', which ${which}` };
    }
  }
  // What is left of the proposal, between the kept words around the span, replaces the span.
  const first = insideSpan.indexOf(1);
  const last = insideSpan.lastIndexOf(1);
  if (first >= 0 && insideSpan.slice(first, last + 1).includes(0))
    return { accepted: false, reason: "the reply adds words outside the span" };
  if (first < 0) return { accepted: false, reason: "the reply drops the span" };
  const replacementKeys = proposed.keys.slice(first, last + 1);
  const spanKeys = passage.slice(span.first, span.end).flatMap((word) => word.keys);
  if (Math.abs(replacementKeys.length - spanKeys.length) > 2)
    return { accepted: false, reason: "the reply changes the span's length by more than two words" };
  const heardKeys = textKeys(input.heard);
  const termKeys = new Set((input.terms ?? []).flatMap(textKeys));
  for (const key of replacementKeys) {
    const supported =
      spanKeys.includes(key) ||
      termKeys.has(key) ||
      heardKeys.some((heardKey) => keySimilarity(key, heardKey) >= 0.6) ||
      spanKeys.some((original) => keySimilarity(key, original) >= 0.5);
    if (!supported) return { accepted: false, reason: `the reply adds '${key}', which neither source supports` };
  }
  return { accepted: true, replacement: wordsOfUnits(proposedWords, proposed.unitWord, first, last).join(" ") };
}

/** The proposal's words that hold units `first … last`. */
function wordsOfUnits(words: readonly string[], unitWord: Int32Array, first: number, last: number): string[] {
  return words.slice(unitWord[first]!, unitWord[last]! + 1);
}

/** What the speaker source heard for a span: its words aligned to the span, one word more either side. */
function heardFor(span: readonly FusedWord[], speakerWords: SourceWords): string {
  const aligned = span.map((word) => word.evidence).filter((evidence) => evidence >= 0);
  if (aligned.length === 0) return "";
  const from = Math.max(0, Math.min(...aligned) - 1);
  const to = Math.min(speakerWords.words.length, Math.max(...aligned) + 2);
  return speakerWords.words
    .slice(from, to)
    .map((word) => word.text)
    .join(" ");
}

function textOf(words: readonly FusedWord[]): string {
  return words.map((word) => word.text).join(" ");
}

/** The accepted span as words: the first original word's speaker, times spread over the span's. */
function replacementWords(span: readonly FusedWord[], proposed: string): FusedWord[] {
  const first = span[0]!;
  const last = span[span.length - 1]!;
  const texts = proposed.split(/\s+/).filter((text) => wordKeys(text).length > 0);
  const start = first.start;
  const stop = last.end ?? last.start;
  return texts.map((text, index) => {
    const time =
      start !== undefined && stop !== undefined ? start + ((stop - start) * index) / Math.max(1, texts.length) : start;
    return {
      ...first,
      text,
      keys: wordKeys(text),
      origin: "model",
      evidence: -1,
      similarity: 0,
      sentenceStart: index === 0 && first.sentenceStart,
      ...(time !== undefined ? { start: time, end: time } : {}),
    };
  });
}
