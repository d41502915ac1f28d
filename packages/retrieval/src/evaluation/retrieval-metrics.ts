/**
 * Retrieval and answer metrics as plain functions over one query: Recall@k, reciprocal rank (whose mean is MRR),
 * NDCG@k and exact match. Documents are compared by content by default (as Haystack's evaluators do), or by `id` or a
 * metadata field (`meta.source_id`).
 * @module
 */
import type { Document } from "@trama/core";

/** What makes two documents the same: `content` (the default), `id`, or `meta.<key>`. */
export type DocumentKey = "content" | "id" | `meta.${string}`;

/** The key of a document for `by`, or undefined when it has none (such documents never match). */
export function documentKey(document: Document, by: DocumentKey = "content"): string | undefined {
  if (by === "content") return document.content || undefined;
  if (by === "id") return document.id;
  let value: unknown = document.meta;
  for (const key of by.slice("meta.".length).split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** One query's documents: the relevant ones (ground truth) and those retrieved, best first. */
export interface RankedQuery {
  relevant: readonly Document[];
  retrieved: readonly Document[];
  /** Only the first `k` retrieved documents count. Default: all. */
  k?: number;
  compareBy?: DocumentKey;
}

const keysOf = (documents: readonly Document[], by: DocumentKey | undefined) =>
  documents.map((document) => documentKey(document, by));
const topOf = (query: RankedQuery) => (query.k === undefined ? query.retrieved : query.retrieved.slice(0, query.k));

/**
 * Recall@k. `single_hit`: 1 when any relevant document is among the first k, else 0. `multi_hit`: the share of the
 * (distinct) relevant documents found among the first k; 0 when there are none to find.
 */
export function recallAtK(query: RankedQuery & { mode?: "single_hit" | "multi_hit" }): number {
  const relevant = new Set(keysOf(query.relevant, query.compareBy).filter((key) => key !== undefined));
  const found = new Set(keysOf(topOf(query), query.compareBy).filter((key) => key !== undefined && relevant.has(key)));
  if ((query.mode ?? "single_hit") === "single_hit") return found.size > 0 ? 1 : 0;
  return relevant.size === 0 ? 0 : found.size / relevant.size;
}

/** 1 / the rank of the first relevant document among the first k (1 for the first place), 0 when none is there. */
export function reciprocalRank(query: RankedQuery): number {
  const relevant = new Set(keysOf(query.relevant, query.compareBy));
  const rank = keysOf(topOf(query), query.compareBy).findIndex((key) => key !== undefined && relevant.has(key));
  return rank < 0 ? 0 : 1 / (rank + 1);
}

/**
 * NDCG@k: the discounted gain of the first k retrieved documents over the best possible. A relevant document's gain
 * is its `score` when the ground truth gives one (graded relevance), else 1; each document counts once.
 */
export function ndcgAtK(query: RankedQuery): number {
  const gains = new Map<string, number>();
  for (const document of query.relevant) {
    const key = documentKey(document, query.compareBy);
    if (key !== undefined && !gains.has(key)) gains.set(key, document.score ?? 1);
  }
  const seen = new Set<string>();
  let dcg = 0;
  keysOf(topOf(query), query.compareBy).forEach((key, index) => {
    if (key === undefined || seen.has(key)) return;
    seen.add(key);
    dcg += (gains.get(key) ?? 0) / Math.log2(index + 2);
  });
  const ideal = [...gains.values()]
    .sort((a, b) => b - a)
    .slice(0, query.k ?? gains.size)
    .reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/**
 * 1 when the predicted answer equals the expected one, else 0. With `normalize`, both are compared lower-cased,
 * without punctuation, articles (English and Italian) or extra spaces, as SQuAD's exact match does.
 */
export function exactMatch(options: { expected: string; predicted: string; normalize?: boolean }): number {
  const prepare = options.normalize ? normalizeAnswer : (text: string) => text;
  return prepare(options.expected) === prepare(options.predicted) ? 1 : 0;
}

const articles = /\b(?:a|an|the|il|lo|la|i|gli|le|un|uno|una)\b|\b(?:l|un|dell|nell|all|dall|sull)'/gu;

/** An answer lower-cased, without punctuation, articles or extra whitespace. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFC")
    .replace(articles, " ")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The mean of the numbers, ignoring nulls; null when there are none. */
export function meanScore(scores: ReadonlyArray<number | null>): number | null {
  const numbers = scores.filter((score): score is number => score !== null);
  return numbers.length ? numbers.reduce((sum, score) => sum + score, 0) / numbers.length : null;
}
