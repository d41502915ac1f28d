/**
 * The in-memory store's embeddings: rows in WebAssembly memory (`vector-rows.ts`) scored exactly in one SIMD pass, each
 * row's inverse norm beside it so cosine costs one multiplication more than dot product, and optionally an
 * approximate usearch index. Deleted rows are flagged, then compacted away once a quarter of the rows are dead.
 * @module
 */
import type { Similarity } from "../document-store.js";
import { DocumentStoreError } from "../errors.js";
import { ApproximateIndex } from "./approximate-index.js";
import type { ApproximateSearchOptions, VectorStorage } from "./memory-store-options.js";
import { grow } from "./posting-list.js";
import { TopK } from "./top-k.js";
import { VectorRows } from "./vector-rows.js";

/** A hit: the row's slot and its similarity. */
export interface VectorHit {
  slot: number;
  score: number;
}

/** One vector search. */
export interface VectorSearchRequest {
  query: ArrayLike<number>;
  topK: number;
  similarity: Similarity;
  /** A slot is returned only if this accepts it (metadata filters). Searches with a filter are exact. */
  accept?: (slot: number) => boolean;
  /** Use the approximate index when there is one and it was built for `similarity`. */
  approximate?: boolean;
}

/** Embeddings by id. */
export class VectorIndex {
  readonly #storage: VectorStorage;
  readonly #approximateOptions: ApproximateSearchOptions | undefined;
  readonly #similarity: Similarity;
  #rows: VectorRows | undefined;
  #approximate: ApproximateIndex | undefined;
  #ids: Array<string | undefined> = [];
  readonly #slots = new Map<string, number>();
  #inverseNorms = new Float32Array(16);
  #alive = new Uint8Array(16);
  /** The approximate index's key of each slot, and the slot of each key. */
  #serials = new Float64Array(16);
  readonly #slotOfSerial = new Map<number, number>();
  #nextSerial = 0;
  #dead = 0;

  /** `similarity` is the store's default, the metric an approximate index is built for. */
  constructor(
    options: { storage?: VectorStorage; approximate?: ApproximateSearchOptions; similarity?: Similarity } = {},
  ) {
    this.#storage = options.storage ?? "float32";
    this.#approximateOptions = options.approximate;
    this.#similarity = options.similarity ?? "cosine";
  }

  get dimension(): number | undefined {
    return this.#rows?.dimension;
  }

  get size(): number {
    return this.#slots.size;
  }

  /** The id stored in `slot`. */
  idAt(slot: number): string {
    return this.#ids[slot] as string;
  }

  /** Throws unless `embedding` has the stored embeddings' dimension (any non-empty dimension while empty). */
  checkDimension(embedding: ArrayLike<number>, what: string): void {
    const dimension = this.#rows?.dimension ?? embedding.length;
    if (embedding.length !== dimension || embedding.length === 0) {
      throw new DocumentStoreError(
        `The memory store holds ${dimension}-dimensional embeddings; ${what} has ${embedding.length} values. Embed every document and query with the same model.`,
      );
    }
  }

  /** Stores `embedding` under `id`, replacing what `id` had. */
  add(id: string, embedding: ArrayLike<number>): void {
    this.checkDimension(embedding, `document '${id}'`);
    this.remove(id);
    this.#rows ??= new VectorRows(this.#storage, embedding.length);
    if (this.#approximateOptions && !this.#approximate) {
      this.#approximate = new ApproximateIndex(this.#similarity, embedding.length, this.#approximateOptions);
    }
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#alive = grow(this.#alive, slot + 1);
    this.#inverseNorms = grow(this.#inverseNorms, slot + 1);
    this.#serials = grow(this.#serials, slot + 1);
    this.#alive[slot] = 1;
    let squares = 0;
    for (let index = 0; index < embedding.length; index++) squares += (embedding[index] as number) ** 2;
    this.#inverseNorms[slot] = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    this.#rows.set(slot, embedding);
    if (this.#approximate) {
      const serial = this.#nextSerial++;
      this.#serials[slot] = serial;
      this.#slotOfSerial.set(serial, slot);
      this.#approximate.add(serial, embedding);
    }
  }

  /** The stored values of `id` (dequantized with int8 storage), or undefined. */
  get(id: string): number[] | undefined {
    const slot = this.#slots.get(id);
    return slot === undefined ? undefined : this.#rows?.get(slot);
  }

  remove(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    this.#alive[slot] = 0;
    this.#ids[slot] = undefined;
    if (this.#approximate) {
      const serial = this.#serials[slot] as number;
      this.#approximate.remove(serial);
      this.#slotOfSerial.delete(serial);
    }
    this.#dead++;
    if (this.#dead > 64 && this.#dead * 4 > this.#ids.length) this.#compact();
  }

  /** The `topK` rows most similar to `query`, best first (ties: the earlier row). */
  search(request: VectorSearchRequest): VectorHit[] {
    const { topK, similarity, accept } = request;
    if (this.#slots.size === 0 || topK <= 0 || !this.#rows) return [];
    this.checkDimension(request.query, "the query embedding");
    if (request.approximate && this.#approximate?.similarity === similarity && !accept) {
      return this.#approximate.search(request.query, topK).flatMap(({ serial, score }) => {
        const slot = this.#slotOfSerial.get(serial);
        return slot === undefined ? [] : [{ slot, score }];
      });
    }
    const count = this.#ids.length;
    const scores = this.#rows.dot(request.query, count);
    let queryScale = 1;
    if (similarity === "cosine") {
      let squares = 0;
      for (let index = 0; index < request.query.length; index++) squares += (request.query[index] as number) ** 2;
      queryScale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    }
    const heap = new TopK(topK);
    const alive = this.#alive;
    const inverseNorms = this.#inverseNorms;
    const cosine = similarity === "cosine";
    // Slots come in increasing order, so a score equal to the threshold (a later document) never enters: one
    // comparison per row, and the live flag, norm and filter only for the few rows that pass it.
    let threshold = Number.NEGATIVE_INFINITY;
    for (let slot = 0; slot < count; slot++) {
      let score = scores[slot] as number;
      if (cosine) score *= queryScale * (inverseNorms[slot] as number);
      if (score <= threshold || !alive[slot] || (accept && !accept(slot))) continue;
      heap.push(score, slot);
      threshold = heap.threshold;
    }
    return heap.drain();
  }

  /** Builds what the approximate index has waiting (the store calls it at the end of each write). */
  flush(): void {
    this.#approximate?.flush();
  }

  /** Releases the approximate index. */
  close(): void {
    this.#approximate = undefined;
  }

  /** Moves live rows down over dead ones, keeping their order (and so the order of ties). */
  #compact(): void {
    const rows = this.#rows as VectorRows;
    let next = 0;
    for (let slot = 0; slot < this.#ids.length; slot++) {
      if (!this.#alive[slot]) continue;
      if (slot !== next) {
        const id = this.#ids[slot] as string;
        rows.move(slot, next);
        this.#ids[next] = id;
        this.#slots.set(id, next);
        this.#inverseNorms[next] = this.#inverseNorms[slot] as number;
        this.#serials[next] = this.#serials[slot] as number;
        if (this.#approximate) this.#slotOfSerial.set(this.#serials[next] as number, next);
      }
      next++;
    }
    this.#ids.length = next;
    this.#alive.fill(1, 0, next).fill(0, next);
    this.#dead = 0;
  }
}
