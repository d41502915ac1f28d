/**
 * BM25 and its usual variants, each reduced to one shape with per-term coefficients,
 *
 *   score(tf, dl) = a · (tf + (e + f·dl)) / (tf + (c + p·dl)) + d,
 *
 * so the search loops compute every variant with the same arithmetic and no function call. The shape is increasing in
 * the term frequency `tf` and decreasing in the document length `dl`, which is what lets a block's largest frequency
 * and shortest document bound every score inside it.
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

/** Corpus statistics the scores depend on. */
export interface CorpusStatistics {
  /** Documents indexed (those with content). */
  documents: number;
  averageLength: number;
}

/** The coefficients of one term's score (see the module comment). */
export interface TermCoefficients {
  a: number;
  c: number;
  d: number;
  e: number;
  f: number;
  p: number;
}

/**
 * The coefficients of a term found in `frequency` documents:
 * - `okapi`: Lucene's idf `ln(1 + (N − df + 0.5)/(df + 0.5))` × `tf(k1+1)/(tf + k1(1 − b + b·dl/avgdl))`;
 * - `bm25l` (Lv & Zhai): idf `ln((N + 1)/(df + 0.5))`, `c' = tf/(1 − b + b·dl/avgdl)`, `(k1+1)(c'+δ)/(k1 + c' + δ)`;
 * - `bm25+` (Lv & Zhai): idf `ln((N + 1)/df)` × (Okapi's term part + δ).
 */
export function termCoefficients(
  parameters: Bm25Parameters,
  statistics: CorpusStatistics,
  frequency: number,
): TermCoefficients {
  const { variant = "okapi", k1 = 1.2, b = 0.75 } = parameters;
  const total = statistics.documents;
  // Lengths are divided by the average: an empty corpus has none, and any positive value keeps scores finite.
  const base = 1 - b;
  const perToken = b / (statistics.averageLength > 0 ? statistics.averageLength : 1);
  if (variant === "bm25l") {
    const delta = parameters.delta ?? 0.5;
    const idf = Math.log((total + 1) / (frequency + 0.5));
    // (k1+1)(c'+δ)/(k1+c'+δ) with c' = tf/n, n = base + perToken·dl, is (k1+1)(tf + δn)/(tf + (k1+δ)n).
    return {
      a: idf * (k1 + 1),
      e: delta * base,
      f: delta * perToken,
      c: (k1 + delta) * base,
      p: (k1 + delta) * perToken,
      d: 0,
    };
  }
  const idf =
    variant === "bm25+"
      ? Math.log((total + 1) / frequency)
      : Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
  return {
    a: idf * (k1 + 1),
    e: 0,
    f: 0,
    c: k1 * base,
    p: k1 * perToken,
    d: variant === "bm25+" ? idf * (parameters.delta ?? 1) : 0,
  };
}

/**
 * The score of one term in one document, from its coefficients. Every search path computes it with exactly these
 * groupings (`e + f·dl` and `c + p·dl` first), so that they round alike and agree to the last bit.
 */
export function termScore(coefficients: TermCoefficients, frequency: number, length: number): number {
  const { a, c, d, e, f, p } = coefficients;
  return (a * (frequency + (e + f * length))) / (frequency + (c + p * length)) + d;
}
