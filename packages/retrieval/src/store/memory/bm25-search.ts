/**
 * Top-k BM25 over a `Bm25Index`, two ways that return the same hits:
 * - `searchPruned`: document-at-a-time MaxScore with block maxima. Terms are ordered by their largest possible
 *   contribution; once the k-th best score exceeds the sum of the smallest bounds, those terms only add to documents
 *   found through the others, and whole blocks whose maxima cannot beat the k-th score are skipped unread. A query on
 *   frequent terms therefore reads a fraction of their postings.
 * - `searchExhaustive`: every posting of every term, accumulated then selected; the reference the tests compare with.
 * Ties keep the earlier document in both.
 * @module
 */
import type { Bm25Index, QueryTerm } from "./bm25-index.js";
import { blockSize } from "./posting-list.js";
import { TopK } from "./top-k.js";

/** One search: the query, how many hits, and which slots may be returned. */
export interface Bm25SearchRequest {
  query: string;
  topK: number;
  /** A slot is returned only if this accepts it (metadata filters). */
  accept?: (slot: number) => boolean;
}

/** A hit: its slot in the index and its score. */
export interface Bm25Hit {
  slot: number;
  score: number;
}

// Bounds are inflated a hair so that rounding in a sum never prunes a document that would tie or beat the k-th score.
const slack = 1 + 1e-9;
const end = 2 ** 31 - 1;

/** The top-k hits by BM25, reading only the postings that can still change the top k. */
export function searchPruned(index: Bm25Index, request: Bm25SearchRequest): Bm25Hit[] {
  const terms = index.queryTerms(request.query).sort((a, b) => a.bound - b.bound);
  if (terms.length === 0 || request.topK <= 0) return [];
  const count = terms.length;
  const lengths = index.lengths;
  const alive = index.alive;
  const accept = request.accept;
  const heap = new TopK(request.topK);
  // prefix[i]: the most terms 0..i can add together.
  const prefix = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += (terms[i] as QueryTerm).bound * slack;
    prefix[i] = sum;
  }
  const cursors = terms.map((term) => new Cursor(term));
  let threshold = Number.NEGATIVE_INFINITY;
  let essential = 0;

  for (;;) {
    let slot = end;
    for (let i = essential; i < count; i++) {
      const current = (cursors[i] as Cursor).slot;
      if (current < slot) slot = current;
    }
    if (slot === end) break;

    if (heap.full) {
      // Block-max skip: if no document up to the first essential block end can beat the threshold, jump past it.
      let bound = essential > 0 ? (prefix[essential - 1] as number) : 0;
      let upTo = end;
      for (let i = essential; i < count; i++) {
        const cursor = cursors[i] as Cursor;
        bound += cursor.blockBound();
        if (cursor.blockLast < upTo) upTo = cursor.blockLast;
      }
      if (bound <= threshold) {
        for (let i = essential; i < count; i++) (cursors[i] as Cursor).advanceTo(upTo + 1);
        continue;
      }
    }

    const length = lengths[slot] as number;
    let score = 0;
    for (let i = essential; i < count; i++) {
      const cursor = cursors[i] as Cursor;
      if (cursor.slot === slot) {
        score += cursor.score(length);
        cursor.next();
      }
    }
    if (!alive[slot]) continue;
    let candidate = true;
    for (let i = essential - 1; i >= 0; i--) {
      if (score + (prefix[i] as number) <= threshold) {
        candidate = false;
        break;
      }
      const cursor = cursors[i] as Cursor;
      cursor.shallowTo(slot);
      if (score + cursor.blockBound() + (i > 0 ? (prefix[i - 1] as number) : 0) <= threshold) {
        candidate = false;
        break;
      }
      cursor.advanceTo(slot);
      if (cursor.slot === slot) score += cursor.score(length);
    }
    if (!candidate || score <= threshold || (accept && !accept(slot))) continue;
    heap.push(score, slot);
    if (heap.full) {
      threshold = heap.threshold;
      while (essential < count && (prefix[essential] as number) <= threshold) essential++;
    }
  }
  return heap.drain();
}

/** The top-k hits by BM25, scoring every posting of every query term. */
export function searchExhaustive(index: Bm25Index, request: Bm25SearchRequest): Bm25Hit[] {
  const terms = index.queryTerms(request.query);
  if (terms.length === 0 || request.topK <= 0) return [];
  const scores = new Float64Array(index.slotCount);
  const lengths = index.lengths;
  for (const { list, scorer } of terms) {
    for (let i = 0; i < list.count; i++) {
      const slot = list.postings[2 * i] as number;
      scores[slot] = (scores[slot] as number) + scorer(list.postings[2 * i + 1] as number, lengths[slot] as number);
    }
  }
  const heap = new TopK(request.topK);
  const alive = index.alive;
  for (let slot = 0; slot < scores.length; slot++) {
    const score = scores[slot] as number;
    if (score > 0 && alive[slot] && score > heap.threshold && (!request.accept || request.accept(slot))) {
      heap.push(score, slot);
    }
  }
  return heap.drain();
}

/** A position in one term's postings, with its current block's bound cached. */
class Cursor {
  readonly #postings: Int32Array;
  readonly #blocks: Int32Array;
  readonly #count: number;
  readonly #scorer: QueryTerm["scorer"];
  #position = 0;
  #block = -1;
  #blockBound = 0;
  /** The slot under the cursor, `end` when exhausted. */
  slot: number;
  /** The last slot of the block under the cursor. */
  blockLast = 0;

  constructor(term: QueryTerm) {
    this.#postings = term.list.postings;
    this.#blocks = term.list.blocks;
    this.#count = term.list.count;
    this.#scorer = term.scorer;
    this.slot = this.#count > 0 ? (this.#postings[0] as number) : end;
    this.#enterBlock(0);
  }

  score(length: number): number {
    return this.#scorer(this.#postings[2 * this.#position + 1] as number, length);
  }

  next(): void {
    this.#position++;
    this.#settle();
  }

  /** Moves to the first posting at or after `target`. */
  advanceTo(target: number): void {
    if (this.slot >= target) return;
    this.shallowTo(target);
    if (this.#block * blockSize > this.#position) this.#position = this.#block * blockSize;
    while (this.#position < this.#count && (this.#postings[2 * this.#position] as number) < target) this.#position++;
    this.#settle();
  }

  /** Moves only the block pointer to the block that would hold `target`, reading no postings. */
  shallowTo(target: number): void {
    let block = this.#block;
    const blocks = Math.ceil(this.#count / blockSize);
    while (block < blocks - 1 && (this.#blocks[3 * block] as number) < target) block++;
    if (block !== this.#block) this.#enterBlock(block);
  }

  /** The most any posting of the current block can score. */
  blockBound(): number {
    if (this.slot === end) return 0;
    if (this.#blockBound < 0) {
      this.#blockBound =
        this.#scorer(this.#blocks[3 * this.#block + 1] as number, this.#blocks[3 * this.#block + 2] as number) * slack;
    }
    return this.#blockBound;
  }

  #settle(): void {
    if (this.#position >= this.#count) {
      this.slot = end;
      this.blockLast = end;
      return;
    }
    this.slot = this.#postings[2 * this.#position] as number;
    const block = Math.floor(this.#position / blockSize);
    if (block !== this.#block) this.#enterBlock(block);
  }

  #enterBlock(block: number): void {
    this.#block = block;
    this.#blockBound = -1;
    this.blockLast = this.#count > 0 ? (this.#blocks[3 * block] as number) : end;
  }
}
