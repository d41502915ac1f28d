/**
 * A straightforward, exhaustive Okapi BM25: the scores every optimized index must reproduce. Kept deliberately
 * plain (one pass over every document for every query) so it is obviously right.
 * @module
 */

/** Parameters of the reference scorer. */
export interface ReferenceBm25Options {
  /** Each document's tokens; `undefined` for documents without content (not counted in N or the average length). */
  documents: ReadonlyArray<readonly string[] | undefined>;
  /** Query tokens; a repeated token counts once. */
  query: readonly string[];
  k1?: number;
  b?: number;
  /** Default `okapi`. */
  variant?: "okapi" | "bm25l" | "bm25+";
  /** BM25L's (default 0.5) or BM25+'s (default 1) δ. */
  delta?: number;
}

/**
 * BM25 as the papers write it: one score per document, 0 for documents that share no token with the query.
 * - `okapi`: Lucene's always-positive idf `ln(1 + (N − df + 0.5) / (df + 0.5))` × `tf(k1+1) / (tf + k1·norm)`;
 * - `bm25l`: idf `ln((N + 1) / (df + 0.5))` × `(k1+1)(c+δ) / (k1 + c + δ)` with `c = tf / norm`;
 * - `bm25+`: idf `ln((N + 1) / df)` × (`tf(k1+1) / (tf + k1·norm)` + δ);
 * where `norm = 1 − b + b·dl/avgdl`.
 */
export function referenceBm25({
  documents,
  query,
  k1 = 1.2,
  b = 0.75,
  variant = "okapi",
  delta,
}: ReferenceBm25Options): number[] {
  const indexed = documents.filter((tokens): tokens is readonly string[] => tokens !== undefined);
  const total = indexed.length;
  const averageLength = indexed.reduce((sum, tokens) => sum + tokens.length, 0) / Math.max(total, 1);
  const terms = [...new Set(query)];
  const idf = new Map(
    terms.map((term) => {
      const frequency = indexed.filter((tokens) => tokens.includes(term)).length;
      if (variant === "bm25l") return [term, Math.log((total + 1) / (frequency + 0.5))];
      if (variant === "bm25+") return [term, Math.log((total + 1) / frequency)];
      return [term, Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))];
    }),
  );
  return documents.map((tokens) => {
    if (!tokens) return 0;
    let score = 0;
    for (const term of terms) {
      const frequency = tokens.filter((token) => token === term).length;
      if (frequency === 0) continue;
      const norm = 1 - b + (b * tokens.length) / averageLength;
      const weight = idf.get(term) as number;
      if (variant === "bm25l") {
        const c = frequency / norm + (delta ?? 0.5);
        score += (weight * (k1 + 1) * c) / (k1 + c);
      } else {
        const saturated = (frequency * (k1 + 1)) / (frequency + k1 * norm);
        score += weight * (variant === "bm25+" ? saturated + (delta ?? 1) : saturated);
      }
    }
    return score;
  });
}

/** Lower-cases and splits on anything that is not a letter or a digit: the tokenizer the conformance corpus assumes. */
export function simpleTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
