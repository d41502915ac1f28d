/**
 * The show's glossary: what speech recognition writes for a term ("cloud", "carpati") and the term ("Claude",
 * "Karpathy"), applied only where the evidence supports it, never blindly: "cloud" is also a word, and "Carpati" are
 * mountains. Every replacement is recorded with its evidence, and every match left alone with why.
 * @module
 */
import { isMap, isScalar, isSeq, type Node, type Pair, parseDocument } from "yaml";
import { TranscriptParseError } from "../parsers/parse-error.js";
import type { FusedWord } from "./fused-word.js";
import { editDistance, keySimilarity, textKeys } from "./normalize.js";
import type { SourceWords } from "./source-words.js";

/** One glossary entry. */
export interface GlossaryEntry {
  /** What speech recognition writes: one word or several ("cloud", "cloud code"). */
  heard: string;
  /** What it should be ("Claude", "Claude Code"). */
  term: string;
  /** Words that, within a few words, show the term is meant ("code", "anthropic", "opus"). */
  context?: string[];
  /** Replace wherever heard, with or without evidence, for spellings that mean nothing else. Default false. */
  always?: boolean;
}

/** Why a replacement was made. */
export type GlossaryEvidence = "speakers" | "context" | "episode" | "transcript" | "always";

/** A replacement made. */
export interface GlossaryReplacement {
  /** Index of the (first) word replaced, in the list the glossary was applied to. */
  index: number;
  from: string;
  to: string;
  time?: number;
  evidence: GlossaryEvidence[];
}

/** How far from a match, in words, context words count. */
const CONTEXT_WORDS = 15;

/**
 * Reads a glossary file: a YAML map from what is heard to the term (`carpati: Karpathy`), or to `{ term, context,
 * always }` (`cloud: { term: Claude, context: [code, anthropic, opus] }`).
 *
 * @throws TranscriptParseError naming the file and line of anything else.
 */
export function parseGlossary(text: string, options: { file?: string } = {}): GlossaryEntry[] {
  const file = options.file ?? "<glossary>";
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (text.slice(0, offset ?? 0).match(/\n/g)?.length ?? 0) + 1;
  const fail = (offset: number | undefined, expected: string, found?: string): never => {
    throw new TranscriptParseError({
      file,
      line: lineOf(offset),
      expected,
      ...(found !== undefined ? { found } : {}),
      hint: "Write one entry per line, such as `carpati: Karpathy` or `cloud: { term: Claude, context: [code, opus] }`.",
    });
  };
  const [error] = document.errors;
  if (error) fail(error.pos[0], "valid YAML", error.message.split("\n")[0]);
  if (document.contents === null) return [];
  if (!isMap(document.contents)) fail(document.contents.range?.[0], "a map from heard words to terms");
  return (document.contents as { items: Pair[] }).items.map((pair) => entryOf(pair, fail));
}

function entryOf(
  pair: Pair,
  fail: (offset: number | undefined, expected: string, found?: string) => never,
): GlossaryEntry {
  const keyNode = pair.key as Node | null;
  const heard = isScalar(keyNode) ? String(keyNode.value ?? "").trim() : "";
  if (!heard || textKeys(heard).length === 0) fail(keyNode?.range?.[0], "a heard word or words as the key");
  const value = pair.value as Node | null;
  if (isScalar(value) && typeof value.value === "string" && value.value.trim())
    return { heard, term: value.value.trim() };
  if (!isMap(value)) return fail(value?.range?.[0] ?? keyNode?.range?.[0], `a term for '${heard}'`);
  const entry: GlossaryEntry = { heard, term: "" };
  for (const item of value.items as Pair[]) {
    const name = isScalar(item.key) ? String(item.key.value) : "";
    const node = item.value as Node | null;
    if (name === "term" && isScalar(node) && typeof node.value === "string") entry.term = node.value.trim();
    else if (name === "always" && isScalar(node) && typeof node.value === "boolean") entry.always = node.value;
    else if (name === "context" && isSeq(node) && node.items.every((word) => isScalar(word)))
      entry.context = node.items.map((word) => String((word as { value: unknown }).value));
    else
      fail(
        node?.range?.[0] ?? (item.key as Node | null)?.range?.[0],
        `term (text), context (a list) or always (true/false) for '${heard}'`,
        name,
      );
  }
  if (!entry.term) fail(value.range?.[0], `a term for '${heard}'`);
  return entry;
}

/**
 * Applies the glossary where the evidence supports it. An entry with `context` needs one of its context words nearby,
 * or the speaker source saying the term at that place. An entry without needs the speaker source saying the term,
 * or the term written elsewhere in the transcript or in `episodeText` (title, description, tags, chapter titles).
 */
export function applyGlossary(input: {
  words: readonly FusedWord[];
  glossary: readonly GlossaryEntry[];
  speakerWords?: SourceWords;
  episodeText?: string;
}): { words: FusedWord[]; replacements: GlossaryReplacement[] } {
  const words = [...input.words];
  const replacements: GlossaryReplacement[] = [];
  const episodeKeys = ` ${textKeys(input.episodeText ?? "").join(" ")} `;
  const transcriptKeys = ` ${words.flatMap((word) => word.keys).join(" ")} `;
  const entries = input.glossary.map((entry) => ({
    entry,
    heard: textKeys(entry.heard),
    termKeys: textKeys(entry.term).join(" "),
  }));
  for (let index = 0; index < words.length; index++) {
    for (const { entry, heard, termKeys } of entries) {
      if (words[index]!.keys[0] !== heard[0]) continue;
      const end = matchEnd(words, index, heard);
      if (end < 0) continue;
      const evidence = evidenceFor({ words, index, end, entry, heard, termKeys, speakerWords: input.speakerWords });
      if (!entry.context?.length) {
        if (episodeKeys.includes(` ${termKeys} `)) evidence.push("episode");
        if (transcriptKeys.includes(` ${termKeys} `)) evidence.push("transcript");
      }
      if (evidence.length === 0) continue;
      const first = words[index]!;
      const last = words[end - 1]!;
      const from = words
        .slice(index, end)
        .map((word) => word.text)
        .join(" ");
      const text = `${first.text.match(/^[^\p{L}\p{N}]*/u)![0]}${entry.term}${last.text.match(/[^\p{L}\p{N}]*$/u)![0]}`;
      words.splice(index, end - index, {
        ...first,
        text,
        keys: textKeys(entry.term),
        ...(last.end !== undefined ? { end: last.end } : {}),
      });
      replacements.push({
        index,
        from,
        to: text,
        ...(first.start !== undefined ? { time: first.start } : {}),
        evidence,
      });
      break;
    }
  }
  return { words, replacements };
}

/** The end of a run of whole words starting at `index` whose keys are `heard`, or -1. */
function matchEnd(words: readonly FusedWord[], index: number, heard: readonly string[]): number {
  let position = 0;
  let at = index;
  while (position < heard.length && at < words.length) {
    for (const key of words[at]!.keys) {
      if (key !== heard[position]) return -1;
      position++;
    }
    at++;
  }
  return position === heard.length ? at : -1;
}

function evidenceFor(input: {
  words: readonly FusedWord[];
  index: number;
  end: number;
  entry: GlossaryEntry;
  heard: readonly string[];
  termKeys: string;
  speakerWords: SourceWords | undefined;
}): GlossaryEvidence[] {
  const { words, index, end, entry, termKeys, speakerWords } = input;
  const evidence: GlossaryEvidence[] = [];
  if (entry.always) evidence.push("always");
  if (speakerWords && speakerSays({ words, index, end, termKeys, heard: input.heard.join(" "), speakerWords }))
    evidence.push("speakers");
  const context = new Set((entry.context ?? []).flatMap(textKeys).map((key) => key.slice(0, 5)));
  if (context.size > 0) {
    for (let at = Math.max(0, index - CONTEXT_WORDS); at < Math.min(words.length, end + CONTEXT_WORDS); at++) {
      if (at >= index && at < end) continue;
      if (words[at]!.keys.some((key) => context.has(key.slice(0, 5)))) {
        evidence.push("context");
        break;
      }
    }
  }
  return evidence;
}

/**
 * Whether the speaker-source words aligned around the match (one word either side) say the term: exactly, or closer
 * in sound to the term than to what was heard (both sources writing "carpati" is no evidence for "Karpathy").
 */
function speakerSays(input: {
  words: readonly FusedWord[];
  index: number;
  end: number;
  termKeys: string;
  heard: string;
  speakerWords: SourceWords;
}): boolean {
  const { words, index, end, termKeys, speakerWords } = input;
  const term = termKeys.replace(/ /g, "");
  const heard = input.heard.replace(/ /g, "");
  const aligned = words
    .slice(Math.max(0, index - 1), end + 1)
    .map((word) => word.evidence)
    .filter((evidence) => evidence >= 0);
  if (aligned.length === 0) return false;
  const from = Math.max(0, Math.min(...aligned) - 1);
  const to = Math.min(speakerWords.words.length, Math.max(...aligned) + 2);
  const termLength = termKeys.split(" ").length;
  for (let start = from; start < to; start++) {
    const keys: string[] = [];
    for (let at = start; at < to && keys.length < termLength; at++) {
      const word = speakerWords.words[at]!;
      keys.push(...speakerWords.keys.slice(word.firstUnit, word.firstUnit + word.unitCount));
    }
    const said = keys.slice(0, termLength).join("");
    if (said === term) return true;
    const likeTerm = keySimilarity(said, term);
    const likeHeard = keySimilarity(said, heard);
    const closerInSpelling = editDistance(said, term) < editDistance(said, heard);
    if (likeTerm >= 0.8 && (likeTerm > likeHeard || (likeTerm === likeHeard && closerInSpelling))) return true;
  }
  return false;
}
