/**
 * Top-k BM25 over a `Bm25Index`, returning the same hits to the last bit whichever way it runs:
 * - `searchExhaustive`: term at a time, every posting scored into an accumulator: the reference the pruned searches
 *   are tested against.
 * - `searchPruned`: term at a time with MaxScore (`bm25-taat.ts`) for short lists; for long ones, document at a time
 *   with MaxScore and block maxima. Terms are ordered by their
 *   largest possible score; once the k-th best score exceeds what the weakest terms can add together, those terms
 *   only complete documents found through the others, and whole blocks of postings whose maxima cannot beat the k-th
 *   score are skipped unread. A query on frequent terms reads a fraction of their postings.
 * Every path adds a document's term scores in the same order (terms by decreasing bound), and ties keep the earlier
 * document.
 * @module
 */
import type { Bm25Index } from "./bm25-index.js";
import { searchTermAtATime } from "./bm25-taat.js";
import { PrunedTerms } from "./bm25-terms.js";
import { TopK } from "./top-k.js";

/** One search: the query, how many hits, and which slots may be returned. */
export interface Bm25SearchRequest {
  query: string;
  topK: number;
  /** A slot is returned only if this accepts it (metadata filters). */
  accept?: (slot: number) => boolean;
  /** Filled with how many postings the query terms have and how many were scored: what pruning saved. */
  statistics?: { postings: number; scored: number };
  /** Below this many postings in all, `searchPruned` scores them all (default 16384; tests set 0). */
  pruneFrom?: number;
}

/** A hit: its slot in the index and its score. */
export interface Bm25Hit {
  slot: number;
  score: number;
}

/** The top-k hits by BM25, scoring every posting of every query term. */
export function searchExhaustive(index: Bm25Index, request: Bm25SearchRequest): Bm25Hit[] {
  const terms = index.queryTerms(request.query);
  if (terms.length === 0 || request.topK <= 0) return [];
  return searchTermAtATime(index, terms.reverse(), { ...request, prune: false });
}

/** The top-k hits by BM25, reading only the postings that can still change the top k. */
export function searchPruned(index: Bm25Index, request: Bm25SearchRequest): Bm25Hit[] {
  const queryTerms = index.queryTerms(request.query);
  if (queryTerms.length === 0 || request.topK <= 0) return [];
  const postings = queryTerms.reduce((total, term) => total + term.list.count, 0);
  if (postings < (request.pruneFrom ?? 16_384)) {
    return searchTermAtATime(index, [...queryTerms].reverse(), { ...request, prune: true });
  }
  const terms = new PrunedTerms(queryTerms, index.lengths);
  const { count, current, parts, prefix } = terms;
  const alive = index.alive;
  const accept = request.accept;
  const heap = new TopK(request.topK);
  let essential = 0;
  let threshold = Number.NEGATIVE_INFINITY;
  let cut = Number.NEGATIVE_INFINITY;

  /** Completes a document with the non-essential terms and offers it to the heap; false when nothing can enter. */
  const offer = (slot: number, partial: number): boolean => {
    let score = partial;
    for (let i = essential - 1; i >= 0; i--) {
      if (score + (prefix[i] as number) < cut) return true;
      if ((current[i] as number) < slot) terms.seek(i, slot);
      if (current[i] !== slot) continue;
      const part = terms.score(i, slot);
      parts[i] = part;
      score += part;
    }
    score = terms.total();
    // The heap settles ties at the threshold (the earlier slot wins).
    if (score < threshold || (accept && !accept(slot))) return true;
    heap.push(score, slot);
    if (heap.full) {
      threshold = heap.threshold;
      // Pruning compares sums of bounds, added in another order than final scores, with the threshold: it gives up a
      // trillionth of it, so that rounding can never prune a document that scores above the k-th.
      cut = threshold * (1 - 1e-12);
      while (essential < count && (prefix[essential] as number) < cut) essential++;
    }
    return essential < count;
  };

  // Several essential terms: the document with the smallest slot among them is next.
  while (essential < count - 1) {
    let slot = 0x7fffffff;
    for (let i = essential; i < count; i++) if ((current[i] as number) < slot) slot = current[i] as number;
    if (slot === 0x7fffffff) break;
    if (cut > Number.NEGATIVE_INFINITY && terms.skipBlocks(essential, slot, cut)) continue;
    parts.fill(0);
    let partial = 0;
    for (let i = essential; i < count; i++) {
      if (current[i] !== slot) continue;
      const part = terms.score(i, slot);
      parts[i] = part;
      partial += part;
      terms.next(i);
    }
    if (alive[slot] && !offer(slot, partial)) break;
  }

  // One essential term left: walk its blocks, skipping those where it and the other terms' blocks over the same
  // documents cannot reach the threshold together.
  const last = count - 1;
  blocks: while (essential === last && current[last] !== 0x7fffffff) {
    let rest = 0;
    for (let i = 0; i < last; i++) rest += terms.rangeBound(i, current[last] as number, terms.blockLastSlot(last));
    if (terms.blockBound(last) + rest < cut) {
      terms.skipBlock(last);
      continue;
    }
    const blockEnd = terms.blockEnd(last);
    while (terms.position(last) < blockEnd) {
      const slot = current[last] as number;
      const part = terms.score(last, slot);
      terms.next(last);
      if (part + rest < cut || !alive[slot]) continue;
      parts.fill(0);
      parts[last] = part;
      if (!offer(slot, part)) break blocks;
      if (essential !== last) break blocks;
    }
  }
  if (request.statistics) {
    request.statistics.postings = postings;
    request.statistics.scored = terms.scored;
  }
  return heap.drain();
}
