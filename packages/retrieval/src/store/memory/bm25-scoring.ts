/**
 * BM25 and its usual variants as per-term scorers. Each scorer is increasing in the term frequency and decreasing in
 * the document length, which is what lets block maxima bound a block's scores from its largest frequency and
 * shortest document.
 * @module
 */

/** Which BM25 formula ranks keyword search. */
export type Bm25Variant = "okapi" | "bm25l" | "bm25+";

/** BM25 parameters; `delta` is used by BM25L (default 0.5) and BM25+ (default 1). */
export interface Bm25Parameters {
  variant?: Bm25Variant;
  /** Term frequency saturation. Default 1.2. */
  k1?: number;
  /** Length normalization, 0..1. Default 0.75. */
  b?: number;
  delta?: number;
}

/** The score one query term adds to a document with `frequency` occurrences of it and `length` tokens. */
export type TermScorer = (frequency: number, length: number) => number;

/** Corpus statistics a scorer depends on. */
export interface CorpusStatistics {
  /** Documents indexed (those with content). */
  documents: number;
  averageLength: number;
}

/**
 * The scorer of one term with document frequency `frequency`:
 * - `okapi`: Lucene's IDF `ln(1 + (N − df + 0.5)/(df + 0.5))` × `tf(k1+1)/(tf + k1(1 − b + b·dl/avgdl))`;
 * - `bm25l` (Lv & Zhai): IDF `ln((N + 1)/(df + 0.5))`, `c = tf/(1 − b + b·dl/avgdl)`, `(k1+1)(c+δ)/(k1 + c + δ)`;
 * - `bm25+` (Lv & Zhai): IDF `ln((N + 1)/df)` × (Okapi's term part + δ).
 */
export function termScorer(parameters: Bm25Parameters, statistics: CorpusStatistics, frequency: number): TermScorer {
  const { variant = "okapi", k1 = 1.2, b = 0.75 } = parameters;
  const total = statistics.documents;
  // Lengths are divided by the average: an empty corpus has none, and any positive value keeps scores finite.
  const average = statistics.averageLength > 0 ? statistics.averageLength : 1;
  const base = 1 - b;
  const perToken = b / average;
  if (variant === "bm25l") {
    const delta = parameters.delta ?? 0.5;
    const idf = Math.log((total + 1) / (frequency + 0.5));
    return (tf, length) => {
      const normalized = tf / (base + perToken * length) + delta;
      return (idf * (k1 + 1) * normalized) / (k1 + normalized);
    };
  }
  if (variant === "bm25+") {
    const delta = parameters.delta ?? 1;
    const idf = Math.log((total + 1) / frequency);
    return (tf, length) => idf * ((tf * (k1 + 1)) / (tf + k1 * (base + perToken * length)) + delta);
  }
  const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
  const saturation = idf * (k1 + 1);
  const constant = k1 * base;
  const perTokenK = k1 * perToken;
  return (tf, length) => (saturation * tf) / (tf + constant + perTokenK * length);
}
