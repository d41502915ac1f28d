/**
 * BM25 term at a time, for queries whose postings are short enough to read whole: each term's postings are scored
 * into one accumulator, highest-bound term first. After each term, if the terms still to come cannot together lift a
 * document that has none of the terms read so far above the k-th best score seen, the rest of the search only
 * completes the documents already found, looking their postings up by block instead of reading whole lists (MaxScore,
 * term at a time). With a rare and a common term, the common term's long list is mostly left unread.
 *
 * Scores are added in the order of the terms (decreasing bound), the order every other path adds them in.
 * @module
 */
import type { Bm25Index, QueryTerm } from "./bm25-index.js";
import type { Bm25Hit, Bm25SearchRequest } from "./bm25-search.js";
import { blockSize } from "./posting-list.js";
import { TopK } from "./top-k.js";

const shift = Math.log2(blockSize);
const slack = 1 + 1e-9;

/** The top-k hits of `terms` (ordered by decreasing bound); `prune: false` reads every posting. */
export function searchTermAtATime(
  index: Bm25Index,
  terms: readonly QueryTerm[],
  request: Bm25SearchRequest & { prune: boolean },
): Bm25Hit[] {
  const { accumulator, touched } = index.scratch();
  const lengths = index.lengths;
  const count = terms.length;
  // rest[j]: the most the terms after j can add together.
  const rest = new Float64Array(count);
  for (let j = count - 2; j >= 0; j--) rest[j] = (rest[j + 1] as number) + (terms[j + 1] as QueryTerm).bound * slack;
  let touchedCount = 0;
  let candidates: Int32Array | undefined;
  let candidateCount = 0;
  let scored = 0;
  try {
    for (let j = 0; j < count; j++) {
      const { list, coefficients } = terms[j] as QueryTerm;
      const { a, c, d, e, f, p } = coefficients;
      if (candidates === undefined) {
        const { slots, frequencies } = list;
        for (let index = 0; index < list.count; index++) {
          const slot = slots[index] as number;
          const frequency = frequencies[index] as number;
          const length = lengths[slot] as number;
          const previous = accumulator[slot] as number;
          if (previous === 0) touched[touchedCount++] = slot;
          accumulator[slot] = previous + ((a * (frequency + (e + f * length))) / (frequency + (c + p * length)) + d);
        }
        scored += list.count;
        if (!request.prune || j === count - 1) continue;
        const threshold = kthBest(index, request, touched, touchedCount);
        const cut = threshold * (1 - 1e-12);
        if (!((rest[j] as number) < cut)) continue;
        // No document outside the accumulator can reach the top k any more: complete the promising ones only.
        candidates = new Int32Array(touchedCount);
        for (let index = 0; index < touchedCount; index++) {
          const slot = touched[index] as number;
          if ((accumulator[slot] as number) + (rest[j] as number) >= cut) candidates[candidateCount++] = slot;
        }
        candidates = candidates.subarray(0, candidateCount).sort();
        continue;
      }
      // Each candidate's posting, found by its block (the blocks' last slots) and a binary search inside it.
      const { slots, frequencies, blockLast } = list;
      const lastBlock = (list.count - 1) >> shift;
      let block = 0;
      for (let index = 0; index < candidateCount; index++) {
        const slot = candidates[index] as number;
        while (block < lastBlock && (blockLast[block] as number) < slot) block++;
        let low = block << shift;
        let high = Math.min(list.count, (block + 1) << shift) - 1;
        while (low <= high) {
          const middle = (low + high) >> 1;
          const value = slots[middle] as number;
          if (value < slot) low = middle + 1;
          else if (value > slot) high = middle - 1;
          else {
            const frequency = frequencies[middle] as number;
            const length = lengths[slot] as number;
            accumulator[slot] =
              (accumulator[slot] as number) +
              ((a * (frequency + (e + f * length))) / (frequency + (c + p * length)) + d);
            scored++;
            break;
          }
        }
      }
    }
    const from = candidates ?? touched;
    const size = candidates ? candidateCount : touchedCount;
    const heap = new TopK(request.topK);
    const alive = index.alive;
    for (let index = 0; index < size; index++) {
      const slot = from[index] as number;
      const score = accumulator[slot] as number;
      if (alive[slot] && score >= heap.threshold && (!request.accept || request.accept(slot))) heap.push(score, slot);
    }
    if (request.statistics) {
      request.statistics.postings = terms.reduce((total, term) => total + term.list.count, 0);
      request.statistics.scored = scored;
    }
    return heap.drain();
  } finally {
    // The accumulator is shared by every search of the index: leave it zeroed, even if a filter threw.
    for (let index = 0; index < touchedCount; index++) accumulator[touched[index] as number] = 0;
  }
}

/** The k-th best accumulated score among live, accepted documents: a lower bound of the final k-th best. */
function kthBest(index: Bm25Index, request: Bm25SearchRequest, touched: Int32Array, touchedCount: number): number {
  const { accumulator } = index.scratch();
  const alive = index.alive;
  const heap = new TopK(request.topK);
  for (let position = 0; position < touchedCount; position++) {
    const slot = touched[position] as number;
    const score = accumulator[slot] as number;
    if (score > heap.threshold && alive[slot] && (!request.accept || request.accept(slot))) heap.push(score, slot);
  }
  return heap.threshold;
}
