/**
 * Analyzers turn text into the tokens keyword search indexes and queries: Unicode normalization, tokenization,
 * lower-casing, accent folding, elision, stopwords and a light stemmer, each optional. They are configured with plain
 * data (`AnalyzerConfig`), so a store saved to disk or to a pipeline file rebuilds the same analyzer.
 * @module
 */
import { DocumentStoreError } from "../store/errors.js";
import { stemEnglish, stemItalian } from "./stemmers.js";
import { englishStopwords, italianElisions, italianStopwords } from "./stopwords.js";
import { words } from "./tokenize.js";

/** What an analyzer does, step by step. Every field is optional; the defaults make the `standard` analyzer. */
export interface AnalyzerOptions {
  /** A regular expression (source, applied with the `u` flag) matching one token, instead of runs of letters and digits. */
  pattern?: string;
  /**
   * Keep `dell'acqua` and `john's` as one token, for the elision step (which strips `dell'`) and possessives (`john's`
   * becomes `johns`, which the English stemmer makes `john`). Default false: apostrophes separate tokens, as in
   * SQLite's unicode61 tokenizer.
   */
  keepApostrophes?: boolean;
  /** Default true. */
  lowercase?: boolean;
  /** Removes diacritics after Unicode decomposition: `perché` → `perche`, `Ångström` → `angstrom`. Default false. */
  foldAccents?: boolean;
  /** Prefixes removed before an apostrophe (`l`, `dell`): `dell'acqua` → `acqua`. Other apostrophes are dropped. */
  elisions?: readonly string[];
  /** Tokens dropped after folding: a list, or a built-in list by language. */
  stopwords?: readonly string[] | "english" | "italian";
  stemmer?: "english" | "italian";
  /** Tokens shorter than this are dropped. Default 1. */
  minLength?: number;
}

/**
 * A built-in analyzer by name, or options:
 * - `standard`: runs of letters and digits, lower-cased; nothing else (what exact BM25 comparisons assume);
 * - `english`: standard + accent folding, possessives, Lucene's English stopwords, plural stemming;
 * - `italian`: standard + accent folding, elision (`l'`, `dell'`, `un'`…), Italian stopwords, light stemming.
 */
export type AnalyzerConfig = "standard" | "english" | "italian" | AnalyzerOptions;

/** Text in, tokens out. */
export type Analyzer = (text: string) => string[];

const presets: Record<"standard" | "english" | "italian", AnalyzerOptions> = {
  standard: {},
  english: { foldAccents: true, keepApostrophes: true, stopwords: "english", stemmer: "english" },
  italian: {
    foldAccents: true,
    keepApostrophes: true,
    elisions: italianElisions,
    stopwords: "italian",
    stemmer: "italian",
  },
};

const nonAscii = /[\u0080-\uffff]/;

/** Builds the analyzer `config` describes; throws `DocumentStoreError` naming an unknown preset or a bad pattern. */
export function createAnalyzer(config: AnalyzerConfig = "standard"): Analyzer {
  const options = typeof config === "string" ? presets[config] : config;
  if (!options || typeof options !== "object") {
    throw new DocumentStoreError(
      `Unknown analyzer '${String(config)}'. Use standard, english, italian, or an options object ({ stopwords, stemmer, … }).`,
    );
  }
  let pattern: RegExp | undefined;
  try {
    if (options.pattern !== undefined) pattern = new RegExp(options.pattern, "gu");
  } catch (error) {
    throw new DocumentStoreError(
      `The analyzer pattern ${JSON.stringify(options.pattern)} is not a valid regular expression: ${String(error)}`,
    );
  }
  const lowercase = options.lowercase ?? true;
  const fold = options.foldAccents ?? false;
  const keepApostrophes = options.keepApostrophes ?? false;
  const elisions = options.elisions ? new Set(options.elisions) : undefined;
  const stopwords = stopwordSet(options.stopwords);
  const stem = options.stemmer === "english" ? stemEnglish : options.stemmer === "italian" ? stemItalian : undefined;
  const minLength = options.minLength ?? 1;
  const split = pattern
    ? (text: string) => Array.from(text.matchAll(pattern), (match) => match[0])
    : (text: string) => words(text, keepApostrophes);
  const plain = !pattern && !keepApostrophes && !stopwords && !stem && minLength <= 1;

  return (text) => {
    let normalized = text;
    // ASCII text is the same under every normalization: skip it (most of a typical corpus).
    if (nonAscii.test(text)) {
      normalized = text.normalize(fold ? "NFKD" : "NFKC");
      if (fold) normalized = normalized.replace(/\p{M}+/gu, "");
    }
    if (lowercase) normalized = normalized.toLowerCase();
    const tokens = split(normalized);
    if (plain) return tokens;
    const kept: string[] = [];
    for (let token of tokens) {
      if (token.includes("'") || token.includes("’")) token = withoutApostrophes(token, elisions);
      if (token.length < minLength || stopwords?.has(token)) continue;
      kept.push(stem ? stem(token) : token);
    }
    return kept;
  };
}

function stopwordSet(stopwords: AnalyzerOptions["stopwords"]): Set<string> | undefined {
  if (stopwords === undefined) return undefined;
  if (stopwords === "english") return new Set(englishStopwords);
  if (stopwords === "italian") return new Set(italianStopwords);
  return new Set(stopwords);
}

/** Strips an elided prefix (`dell'acqua` → `acqua`); other apostrophes are dropped (`don't` → `dont`). */
function withoutApostrophes(token: string, elisions: Set<string> | undefined): string {
  const parts = token.split(/['’]/);
  if (elisions && parts.length > 1 && elisions.has(parts[0] as string)) parts.shift();
  return parts.join("");
}
