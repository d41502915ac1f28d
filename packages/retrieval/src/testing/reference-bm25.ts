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
}

/**
 * Okapi BM25 with Lucene's always-positive IDF, `ln(1 + (N − df + 0.5) / (df + 0.5))`: one score per document,
 * 0 for documents that share no token with the query.
 */
export function referenceBm25({ documents, query, k1 = 1.2, b = 0.75 }: ReferenceBm25Options): number[] {
  const indexed = documents.filter((tokens): tokens is readonly string[] => tokens !== undefined);
  const total = indexed.length;
  const averageLength = indexed.reduce((sum, tokens) => sum + tokens.length, 0) / Math.max(total, 1);
  const terms = [...new Set(query)];
  const idf = new Map(
    terms.map((term) => {
      const frequency = indexed.filter((tokens) => tokens.includes(term)).length;
      return [term, Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))];
    }),
  );
  return documents.map((tokens) => {
    if (!tokens) return 0;
    let score = 0;
    for (const term of terms) {
      const frequency = tokens.filter((token) => token === term).length;
      if (frequency === 0) continue;
      const norm = k1 * (1 - b + (b * tokens.length) / averageLength);
      score += (idf.get(term) as number) * ((frequency * (k1 + 1)) / (frequency + norm));
    }
    return score;
  });
}

/** Lower-cases and splits on anything that is not a letter or a digit: the tokenizer the conformance corpus assumes. */
export function simpleTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
