/**
 * The per-term state of one pruned BM25 search: a cursor into each term's postings, its coefficients, and cached
 * block bounds, in parallel typed arrays so the search loops read numbers rather than objects.
 * @module
 */
import type { QueryTerm } from "./bm25-index.js";
import { blockSize, frontierSize, type PostingList } from "./posting-list.js";

const end = 0x7fffffff;
const shift = Math.log2(blockSize);
// Bounds are inflated a hair, so that a bound computed with other roundings than a score still bounds it.
const slack = 1 + 1e-9;

/** Cursors over the query terms' postings, ordered by increasing bound. */
export class PrunedTerms {
  readonly count: number;
  /** The slot under each cursor; `0x7fffffff` once a list is exhausted. */
  readonly current: Int32Array;
  /** Each term's score for the document being completed (0 when absent). */
  readonly parts: Float64Array;
  /** `prefix[i]`: the most terms `0..i` can add together. */
  readonly prefix: Float64Array;
  /** Postings scored so far. */
  scored = 0;
  readonly #lists: PostingList[];
  readonly #lengths: Int32Array;
  readonly #position: Int32Array;
  readonly #coefficients: Float64Array;
  /** The block each cached bound is for, and the bound. */
  readonly #boundBlock: Int32Array;
  readonly #bound: Float64Array;
  /** Per term, a block pointer that `rangeBound` moves forward without reading postings. */
  readonly #shallow: Int32Array;

  constructor(terms: readonly QueryTerm[], lengths: Int32Array) {
    const count = terms.length;
    this.count = count;
    this.#lists = terms.map((term) => term.list);
    this.#lengths = lengths;
    this.#position = new Int32Array(count);
    this.current = Int32Array.from(terms, (term) => (term.list.count > 0 ? (term.list.slots[0] as number) : end));
    this.parts = new Float64Array(count);
    this.prefix = new Float64Array(count);
    this.#coefficients = new Float64Array(6 * count);
    this.#boundBlock = new Int32Array(count).fill(-1);
    this.#bound = new Float64Array(count);
    this.#shallow = new Int32Array(count);
    let sum = 0;
    terms.forEach((term, i) => {
      const { a, c, d, e, f, p } = term.coefficients;
      this.#coefficients.set([a, c, d, e, f, p], 6 * i);
      sum += term.bound * slack;
      this.prefix[i] = sum;
    });
  }

  /** Term `i`'s score in document `slot`, which must be the one under its cursor. */
  score(i: number, slot: number): number {
    this.scored++;
    const list = this.#lists[i] as PostingList;
    return this.#formula(i, list.frequencies[this.#position[i] as number] as number, this.#lengths[slot] as number);
  }

  /** The most term `i` can score in the block under its cursor. */
  blockBound(i: number): number {
    return this.#boundOf(i, (this.#position[i] as number) >> shift);
  }

  /** The last slot of the block under term `i`'s cursor. */
  blockLastSlot(i: number): number {
    return (this.#lists[i] as PostingList).blockLast[(this.#position[i] as number) >> shift] as number;
  }

  /** The position just past the block under term `i`'s cursor. */
  blockEnd(i: number): number {
    return Math.min((this.#lists[i] as PostingList).count, (((this.#position[i] as number) >> shift) + 1) << shift);
  }

  position(i: number): number {
    return this.#position[i] as number;
  }

  /**
   * The most term `i` can score in any document from slot `from` to slot `to`: the largest bound of its blocks that
   * overlap them, read from block summaries only. Calls must come with increasing `from`.
   */
  rangeBound(i: number, from: number, to: number): number {
    const list = this.#lists[i] as PostingList;
    const lastBlock = (list.count - 1) >> shift;
    let block = this.#shallow[i] as number;
    while (block <= lastBlock && (list.blockLast[block] as number) < from) block++;
    this.#shallow[i] = block;
    let bound = 0;
    for (; block <= lastBlock; block++) {
      bound = Math.max(bound, this.#boundOf(i, block));
      if ((list.blockLast[block] as number) >= to) break;
    }
    return bound;
  }

  /** Moves term `i` past the posting under its cursor. */
  next(i: number): void {
    this.#moveTo(i, (this.#position[i] as number) + 1);
  }

  /** Moves term `i` to the first posting of the next block. */
  skipBlock(i: number): void {
    this.#moveTo(i, (((this.#position[i] as number) >> shift) + 1) << shift);
  }

  /** Moves term `i` to its first posting at a slot ≥ `target`: whole blocks by their last slot, then postings. */
  seek(i: number, target: number): void {
    const list = this.#lists[i] as PostingList;
    const size = list.count;
    let position = this.#position[i] as number;
    let block = position >> shift;
    const lastBlock = (size - 1) >> shift;
    while (block < lastBlock && (list.blockLast[block] as number) < target) block++;
    if (block << shift > position) position = block << shift;
    while (position < size && (list.slots[position] as number) < target) position++;
    this.#moveTo(i, position);
  }

  /**
   * With terms `essential..` essential: if no document up to the end of the nearest of their current blocks can reach
   * `cut`, moves them all past it and returns true.
   */
  skipBlocks(essential: number, slot: number, cut: number): boolean {
    let bound = 0;
    let upTo = end;
    for (let i = essential; i < this.count; i++) {
      if (this.current[i] === end) continue;
      bound += this.blockBound(i);
      const last = this.blockLastSlot(i);
      if (last < upTo) upTo = last;
    }
    for (let i = 0; i < essential; i++) bound += this.rangeBound(i, slot, upTo);
    if (bound >= cut) return false;
    for (let i = essential; i < this.count; i++) if ((this.current[i] as number) <= upTo) this.seek(i, upTo + 1);
    return true;
  }

  /**
   * The sum of the parts by decreasing bound (terms are held by increasing bound): the same additions, in the same
   * order, as the term-at-a-time searches.
   */
  total(): number {
    let sum = 0;
    for (let i = this.count - 1; i >= 0; i--) sum += this.parts[i] as number;
    return sum;
  }

  #boundOf(i: number, block: number): number {
    if (this.#boundBlock[i] !== block) {
      const list = this.#lists[i] as PostingList;
      let bound = 0;
      for (let pair = block * frontierSize; pair < (block + 1) * frontierSize; pair++) {
        bound = Math.max(
          bound,
          this.#formula(i, list.blockFrequency[pair] as number, list.blockLength[pair] as number),
        );
      }
      this.#boundBlock[i] = block;
      this.#bound[i] = bound * slack;
    }
    return this.#bound[i] as number;
  }

  #moveTo(i: number, position: number): void {
    const list = this.#lists[i] as PostingList;
    this.#position[i] = position;
    this.current[i] = position < list.count ? (list.slots[position] as number) : end;
  }

  #formula(i: number, frequency: number, length: number): number {
    const k = this.#coefficients;
    const at = 6 * i;
    // a · (tf + (e + f·dl)) / (tf + (c + p·dl)) + d, grouped as in bm25-scoring.ts so every path rounds alike.
    return (
      ((k[at] as number) * (frequency + ((k[at + 3] as number) + (k[at + 4] as number) * length))) /
        (frequency + ((k[at + 1] as number) + (k[at + 5] as number) * length)) +
      (k[at + 2] as number)
    );
  }
}
