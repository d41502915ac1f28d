/**
 * What a query looks for in Italian transcripts: its words without stopwords, the show's glossary synonyms ("cloud"
 * finds "Claude", "Claude" finds "cloud", since transcripts hold both), and, for stores whose full-text index does not
 * stem (SQLite's FTS5), the inflections the Italian light stemmer would merge ("intelligenze" also looks for
 * "intelligenza"). The analyzed `terms` are what snippets mark.
 * @module
 */
import { createAnalyzer, italianElisions, italianStopwords, stemItalian } from "@trama/retrieval";
import type { GlossaryEntry } from "../fusion/glossary.js";

/** `expand`: add inflections to the query (stores without stemming); `none`: the store stems (memory, postgres). */
export type InflectionMode = "expand" | "none";

/** A query as the keyword search sends it and as highlighting reads it. */
export interface ExpandedQuery {
  /** Words for the store's keyword search (ORed by every store). */
  words: string[];
  /** The Italian analyzer's tokens of the query and its synonyms (folded, stemmed): a text word matches when its token is one of them. */
  terms: string[];
}

/** The analyzer transcripts are searched and highlighted with: `@trama/retrieval`'s `italian` preset. */
export const italianAnalyzer = createAnalyzer("italian");

const stopwords = new Set(italianStopwords);
const elisions = new Set(italianElisions);
/** Endings the light stemmer removes; a stem plus any of them is a word it merges with the others. */
const endings = ["", "a", "e", "i", "o", "ia", "ie", "io", "ii", "he", "hi"];

/** Lower-cased, accent-folded words of `text`, elided articles (`l'`, `dell'`) removed. */
export function plainWords(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  const words: string[] = [];
  for (const match of folded.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
    const parts = match[0].split(/['’]/);
    if (parts.length > 1 && elisions.has(parts[0]!)) parts.shift();
    words.push(...parts);
  }
  return words;
}

/** The query's words and synonyms for keyword search, and the tokens to highlight; see the module's description. */
export function expandQuery(
  query: string,
  options: { glossary?: readonly GlossaryEntry[]; inflections?: InflectionMode } = {},
): ExpandedQuery {
  const base = plainWords(query).filter((word) => !stopwords.has(word));
  const synonyms = glossarySynonyms(query, options.glossary ?? []);
  const words = [...new Set([...base, ...synonyms.filter((word) => !stopwords.has(word))])];
  const terms = [...new Set(words.flatMap((word) => italianAnalyzer(word)))];
  if ((options.inflections ?? "expand") === "none") return { words, terms };
  return { words: [...new Set(words.flatMap(inflections))], terms };
}

/** The word and the words the Italian light stemmer gives the same stem (`intelligenze` → `intelligenza`, `intelligenzi`, …). */
export function inflections(word: string): string[] {
  if (word.length < 6) return [word];
  const stem = stemItalian(word);
  return [word, ...endings.map((ending) => stem + ending).filter((variant) => variant.length >= 6)];
}

/** Words of the glossary entries the query mentions, in either direction: the term for what is heard, and back. */
function glossarySynonyms(query: string, glossary: readonly GlossaryEntry[]): string[] {
  const tokens = ` ${italianAnalyzer(query).join(" ")} `;
  const mentions = (text: string) => {
    const analyzed = italianAnalyzer(text).join(" ");
    return analyzed !== "" && tokens.includes(` ${analyzed} `);
  };
  const found: string[] = [];
  for (const entry of glossary) {
    if (mentions(entry.heard)) found.push(...plainWords(entry.term));
    if (mentions(entry.term)) found.push(...plainWords(entry.heard));
  }
  return found;
}
