/**
 * A bounded min-heap keeping the k best (score, slot) pairs. Ties keep the smaller slot (the earlier document), so
 * every search path (pruned, exhaustive, vector) orders equal scores the same way.
 * @module
 */

/** The k best hits seen so far; `threshold` is the score a new hit must beat once the heap is full. */
export class TopK {
  readonly #scores: Float64Array;
  readonly #slots: Int32Array;
  #size = 0;

  constructor(readonly k: number) {
    this.#scores = new Float64Array(Math.max(k, 1));
    this.#slots = new Int32Array(Math.max(k, 1));
  }

  get size(): number {
    return this.#size;
  }

  get full(): boolean {
    return this.#size >= this.k;
  }

  /** The worst kept score when full, −Infinity before: a hit must score strictly more to enter. */
  get threshold(): number {
    return this.#size >= this.k ? (this.#scores[0] as number) : Number.NEGATIVE_INFINITY;
  }

  /** Offers a hit; hits must come in increasing slot order for ties to favour the earlier slot. */
  push(score: number, slot: number): void {
    if (this.k <= 0) return;
    if (this.#size < this.k) {
      let index = this.#size++;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if (!this.#worse(score, slot, parent)) break;
        this.#scores[index] = this.#scores[parent] as number;
        this.#slots[index] = this.#slots[parent] as number;
        index = parent;
      }
      this.#scores[index] = score;
      this.#slots[index] = slot;
      return;
    }
    if (!this.#better(score, slot, 0)) return;
    this.#siftDown(score, slot);
  }

  /** The kept hits, best first (ties: smaller slot first). Empties the heap. */
  drain(): Array<{ score: number; slot: number }> {
    const hits = Array.from({ length: this.#size }, (_, index) => ({
      score: this.#scores[index] as number,
      slot: this.#slots[index] as number,
    }));
    this.#size = 0;
    return hits.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  #worse(score: number, slot: number, index: number): boolean {
    const other = this.#scores[index] as number;
    return score < other || (score === other && slot > (this.#slots[index] as number));
  }

  #better(score: number, slot: number, index: number): boolean {
    const other = this.#scores[index] as number;
    return score > other || (score === other && slot < (this.#slots[index] as number));
  }

  #siftDown(score: number, slot: number): void {
    let index = 0;
    const size = this.#size;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#worse(this.#scores[child + 1] as number, this.#slots[child + 1] as number, child)) {
        child++;
      }
      const childScore = this.#scores[child] as number;
      const childSlot = this.#slots[child] as number;
      if (!(childScore < score || (childScore === score && childSlot > slot))) break;
      this.#scores[index] = childScore;
      this.#slots[index] = childSlot;
      index = child;
    }
    this.#scores[index] = score;
    this.#slots[index] = slot;
  }
}
