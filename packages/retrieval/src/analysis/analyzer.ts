/**
 * Analyzers turn text into the tokens keyword search indexes and queries: Unicode normalization, a token pattern,
 * lower-casing, accent folding, elision, stopwords and a light stemmer, each optional. They are configured with plain
 * data (`AnalyzerConfig`), so a store saved to disk or to a pipeline file rebuilds the same analyzer.
 * @module
 */
import { DocumentStoreError } from "../store/errors.js";
import { stemEnglish, stemItalian } from "./stemmers.js";
import { englishStopwords, italianElisions, italianStopwords } from "./stopwords.js";

/** What an analyzer does, step by step. Every field is optional; the defaults make the `standard` analyzer. */
export interface AnalyzerOptions {
  /**
   * A regular expression (source, applied with the `u` flag) matching one token. Default: runs of letters and
   * digits, with inner apostrophes kept (`dell'acqua`, `don't`) for the elision step.
   */
  pattern?: string;
  /** Default true. */
  lowercase?: boolean;
  /** Removes diacritics after Unicode decomposition: `perché` → `perche`, `Ångström` → `angstrom`. Default false. */
  foldAccents?: boolean;
  /** Prefixes removed before an apostrophe (`l`, `dell`): `dell'acqua` → `acqua`. Other apostrophes are dropped: `john's` → `johns`, which the English stemmer makes `john`. */
  elisions?: readonly string[];
  /** Tokens dropped after folding: a list, or a built-in list by language. */
  stopwords?: readonly string[] | "english" | "italian";
  stemmer?: "english" | "italian";
  /** Tokens shorter than this are dropped. Default 1. */
  minLength?: number;
}

/**
 * A built-in analyzer by name, or options:
 * - `standard`: letters-and-digits tokens, lower-cased; nothing else (what exact BM25 comparisons assume);
 * - `english`: standard + accent folding, possessive removal, Lucene's English stopwords, plural stemming;
 * - `italian`: standard + accent folding, elision (`l'`, `dell'`, `un'`…), Italian stopwords, light stemming.
 */
export type AnalyzerConfig = "standard" | "english" | "italian" | AnalyzerOptions;

/** Text in, tokens out. */
export type Analyzer = (text: string) => string[];

const presets: Record<"standard" | "english" | "italian", AnalyzerOptions> = {
  standard: {},
  english: { foldAccents: true, stopwords: "english", stemmer: "english" },
  italian: { foldAccents: true, elisions: italianElisions, stopwords: "italian", stemmer: "italian" },
};

const defaultPattern = "[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*";

/** Builds the analyzer `config` describes; throws `DocumentStoreError` naming an unknown preset or a bad pattern. */
export function createAnalyzer(config: AnalyzerConfig = "standard"): Analyzer {
  const options = typeof config === "string" ? presets[config] : config;
  if (!options) {
    throw new DocumentStoreError(
      `Unknown analyzer '${String(config)}'. Use standard, english, italian, or an options object ({ stopwords, stemmer, … }).`,
    );
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(options.pattern ?? defaultPattern, "gu");
  } catch (error) {
    throw new DocumentStoreError(
      `The analyzer pattern ${JSON.stringify(options.pattern)} is not a valid regular expression: ${String(error)}`,
    );
  }
  const lowercase = options.lowercase ?? true;
  const fold = options.foldAccents ?? false;
  const elisions = options.elisions ? new Set(options.elisions) : undefined;
  const stopwords = stopwordSet(options.stopwords);
  const stem = options.stemmer === "english" ? stemEnglish : options.stemmer === "italian" ? stemItalian : undefined;
  const minLength = options.minLength ?? 1;

  return (text) => {
    let normalized = text.normalize(fold ? "NFKD" : "NFKC");
    if (fold) normalized = normalized.replace(/\p{M}+/gu, "");
    if (lowercase) normalized = normalized.toLowerCase();
    const tokens: string[] = [];
    for (const match of normalized.matchAll(pattern)) {
      let token = match[0];
      if (token.includes("'") || token.includes("’")) token = splitApostrophe(token, elisions);
      if (token.length < minLength || stopwords?.has(token)) continue;
      tokens.push(stem ? stem(token) : token);
    }
    return tokens;
  };
}

function stopwordSet(stopwords: AnalyzerOptions["stopwords"]): Set<string> | undefined {
  if (stopwords === undefined) return undefined;
  if (stopwords === "english") return new Set(englishStopwords);
  if (stopwords === "italian") return new Set(italianStopwords);
  return new Set(stopwords);
}

/** Strips an elided prefix (`dell'acqua` → `acqua`); other apostrophes are dropped (`don't` → `dont`). */
function splitApostrophe(token: string, elisions: Set<string> | undefined): string {
  const parts = token.split(/['’]/);
  if (elisions && parts.length > 1 && elisions.has(parts[0] as string)) parts.shift();
  return parts.join("");
}
