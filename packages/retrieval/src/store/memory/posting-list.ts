/**
 * One term's postings: (slot, frequency) pairs in increasing slot order in one `Int32Array`, cut into blocks of
 * `blockSize` postings, each block remembering its last slot, largest frequency and shortest document: enough to
 * bound every score inside the block without reading it.
 * @module
 */

/** Postings per block: small enough for tight bounds, large enough that skipping a block saves work. */
export const blockSize = 64;

/** Grows a typed array to hold at least `needed` items, doubling. */
export function grow<T extends Int32Array | Float32Array | Uint8Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2, 4));
  next.set(array);
  return next;
}

/** A term's postings with per-block maxima; appended in slot order, never edited in place (compaction rebuilds). */
export class PostingList {
  /** Interleaved: slot, frequency, slot, frequency… */
  postings = new Int32Array(4);
  /** Interleaved per block: last slot, largest frequency, shortest document length. */
  blocks = new Int32Array(3);
  count = 0;
  /** The largest frequency and shortest length over all postings: the term's global score bound. */
  maxFrequency = 0;
  minLength = Number.MAX_SAFE_INTEGER;

  /** Appends a posting; `slot` must exceed every slot already in the list. */
  append(slot: number, frequency: number, length: number): void {
    const index = this.count++;
    this.postings = grow(this.postings, 2 * this.count);
    this.postings[2 * index] = slot;
    this.postings[2 * index + 1] = frequency;
    const block = Math.floor(index / blockSize);
    this.blocks = grow(this.blocks, 3 * (block + 1));
    if (index % blockSize === 0) {
      this.blocks[3 * block + 1] = frequency;
      this.blocks[3 * block + 2] = length;
    } else {
      if (frequency > (this.blocks[3 * block + 1] as number)) this.blocks[3 * block + 1] = frequency;
      if (length < (this.blocks[3 * block + 2] as number)) this.blocks[3 * block + 2] = length;
    }
    this.blocks[3 * block] = slot;
    if (frequency > this.maxFrequency) this.maxFrequency = frequency;
    if (length < this.minLength) this.minLength = length;
  }
}
