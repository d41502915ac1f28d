/**
 * One term's postings: slots (increasing) and term frequencies in two growing `Int32Array`s, cut into blocks of
 * `blockSize` postings. Each block keeps its last slot and the (frequency, length) pairs no other posting of the block
 * beats on both counts — the Pareto frontier, at most `frontierSize` pairs (more are merged into pairs that still
 * dominate them). Since every BM25 variant grows with the frequency and shrinks with the length, the best score of a
 * frontier pair is the block's best score under any corpus statistics, so a search can skip a block unread. Block
 * summaries are brought up to date when a search needs them, not on every append, which keeps indexing to a few array
 * writes per token.
 * @module
 */

/** Postings per block: small enough for tight bounds, large enough that skipping a block saves work. */
export const blockSize = 64;
const blockShift = 6;
/** Frontier pairs kept per block. */
export const frontierSize = 4;

/** Grows a typed array to hold at least `needed` items, doubling. */
export function grow<T extends Int32Array | Float32Array | Uint8Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2, 4));
  next.set(array);
  return next;
}

/** A term's postings; appended in slot order, rebuilt (not edited) when the index compacts. */
export class PostingList {
  slots = new Int32Array(2);
  frequencies = new Int32Array(2);
  count = 0;
  /** Per block: the last slot. */
  blockLast = new Int32Array(1);
  /**
   * Per block, `frontierSize` (frequency, length) pairs from the highest frequency down; unused pairs repeat the last
   * one (harmless: a bound is the maximum over pairs).
   */
  blockFrequency = new Int32Array(frontierSize);
  blockLength = new Int32Array(frontierSize);
  /** The largest frequency and shortest length over all postings: the term's global bound. */
  maxFrequency = 0;
  minLength = 0x7fffffff;
  /** Postings whose blocks are summarized; the block holding posting `summarized` is redone on the next update. */
  #summarized = 0;

  /** Adds one occurrence of the term in `slot`: a new posting, or one more for the document appended last. */
  occur(slot: number): boolean {
    const last = this.count - 1;
    if (last >= 0 && this.slots[last] === slot) {
      this.frequencies[last] = (this.frequencies[last] as number) + 1;
      return false;
    }
    if (this.count === this.slots.length) {
      this.slots = grow(this.slots, this.count + 1);
      this.frequencies = grow(this.frequencies, this.count + 1);
    }
    this.slots[this.count] = slot;
    this.frequencies[this.count] = 1;
    this.count++;
    return true;
  }

  /** Appends a whole posting (compaction). */
  append(slot: number, frequency: number): void {
    this.occur(slot);
    this.frequencies[this.count - 1] = frequency;
  }

  /** Brings the block summaries up to date with the postings; `lengths` holds each slot's document length. */
  summarize(lengths: Int32Array): void {
    if (this.#summarized === this.count) return;
    const blocks = (this.count + blockSize - 1) >> blockShift;
    if (this.blockLast.length < blocks) {
      const capacity = Math.max(blocks, this.blockLast.length * 2);
      this.blockLast = grow(this.blockLast, capacity);
      this.blockFrequency = grow(this.blockFrequency, capacity * frontierSize);
      this.blockLength = grow(this.blockLength, capacity * frontierSize);
    }
    for (let block = this.#summarized >> blockShift; block < blocks; block++) {
      const end = Math.min(this.count, (block + 1) << blockShift);
      this.blockLast[block] = this.slots[end - 1] as number;
      this.#summarizeBlock(block, end, lengths);
    }
    this.#summarized = this.count;
  }

  /** Computes block `block`'s frontier into its pairs, and widens the term's global bound. */
  #summarizeBlock(block: number, end: number, lengths: Int32Array): void {
    // frontier[k]: the shortest length among postings with frequency ≥ k + 1 (frequencies clipped to `cap`).
    const cap = 32;
    const shortest = new Int32Array(cap).fill(0x7fffffff);
    for (let index = block << blockShift; index < end; index++) {
      const frequency = Math.min(this.frequencies[index] as number, cap);
      const length = lengths[this.slots[index] as number] as number;
      if (length < (shortest[frequency - 1] as number)) shortest[frequency - 1] = length;
      if ((this.frequencies[index] as number) > this.maxFrequency)
        this.maxFrequency = this.frequencies[index] as number;
      if (length < this.minLength) this.minLength = length;
    }
    // Walk frequencies downwards keeping pairs whose length beats every higher frequency's: the frontier.
    const pairs: Array<[number, number]> = [];
    let best = 0x7fffffff;
    for (let frequency = cap; frequency >= 1; frequency--) {
      const length = shortest[frequency - 1] as number;
      if (length >= best) continue;
      best = length;
      const actual = frequency === cap ? this.#maxFrequencyIn(block, end) : frequency;
      pairs.push([actual, length]);
    }
    // Too many pairs: merge the lowest ones into (their highest frequency, their shortest length), which dominates both.
    while (pairs.length > frontierSize) {
      const [low, lower] = [pairs.pop() as [number, number], pairs.pop() as [number, number]];
      pairs.push([lower[0], Math.min(low[1], lower[1])]);
    }
    for (let index = 0; index < frontierSize; index++) {
      const [frequency, length] = pairs[Math.min(index, pairs.length - 1)] as [number, number];
      this.blockFrequency[block * frontierSize + index] = frequency;
      this.blockLength[block * frontierSize + index] = length;
    }
  }

  #maxFrequencyIn(block: number, end: number): number {
    let frequency = 0;
    for (let index = block << blockShift; index < end; index++) {
      frequency = Math.max(frequency, this.frequencies[index] as number);
    }
    return frequency;
  }
}
