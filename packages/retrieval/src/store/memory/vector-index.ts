/**
 * Exact vector search over one contiguous typed array: every embedding is a row of `dimension` values (float32, or
 * int8 with one scale per row), with its inverse norm kept beside it so cosine costs one multiplication more than dot.
 * Deleted rows are flagged and compacted away once a quarter of the rows are dead.
 * @module
 */

import type { Similarity } from "../document-store.js";
import { DocumentStoreError } from "../errors.js";
import { grow } from "./posting-list.js";
import { TopK } from "./top-k.js";
import { dotRowsFloat32, dotRowsInt8 } from "./vector-kernels.js";

/** How rows are stored: `float32` (exact) or `int8` (a quarter of the memory; scores within about 1%). */
export type VectorStorage = "float32" | "int8";

/** A hit: the row's slot and its similarity. */
export interface VectorHit {
  slot: number;
  score: number;
}

const chunkRows = 1024;

/** Embeddings by id, searched exhaustively. */
export class VectorIndex {
  #dimension: number | undefined;
  #floats = new Float32Array(0);
  #bytes = new Int8Array(0);
  #scales = new Float32Array(16);
  #inverseNorms = new Float32Array(16);
  #alive = new Uint8Array(16);
  #ids: Array<string | undefined> = [];
  readonly #slots = new Map<string, number>();
  #dead = 0;

  constructor(
    readonly storage: VectorStorage = "float32",
    dimension?: number,
  ) {
    this.#dimension = dimension;
  }

  get dimension(): number | undefined {
    return this.#dimension;
  }

  get size(): number {
    return this.#slots.size;
  }

  /** The id stored in `slot`. */
  idAt(slot: number): string {
    return this.#ids[slot] as string;
  }

  /** Throws unless `embedding` has the index's dimension; fixes the dimension on first use. */
  checkDimension(embedding: ArrayLike<number>, what: string): void {
    this.#dimension ??= embedding.length;
    if (embedding.length !== this.#dimension || embedding.length === 0) {
      throw new DocumentStoreError(
        `The memory store holds ${this.#dimension}-dimensional embeddings; ${what} has ${embedding.length} values. Embed every document and query with the same model.`,
      );
    }
  }

  /** Stores `embedding` under `id`, replacing what `id` had. */
  add(id: string, embedding: ArrayLike<number>): void {
    this.checkDimension(embedding, `document '${id}'`);
    this.remove(id);
    const dimension = this.#dimension as number;
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slots.set(id, slot);
    this.#alive = grow(this.#alive, slot + 1);
    this.#scales = grow(this.#scales, slot + 1);
    this.#inverseNorms = grow(this.#inverseNorms, slot + 1);
    this.#alive[slot] = 1;
    let squares = 0;
    let largest = 0;
    for (let i = 0; i < dimension; i++) {
      const value = embedding[i] as number;
      squares += value * value;
      largest = Math.max(largest, Math.abs(value));
    }
    this.#inverseNorms[slot] = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    if (this.storage === "int8") {
      this.#bytes = growRows(this.#bytes, slot, dimension);
      const scale = largest > 0 ? largest / 127 : 1;
      this.#scales[slot] = scale;
      for (let i = 0; i < dimension; i++)
        this.#bytes[slot * dimension + i] = Math.round((embedding[i] as number) / scale);
    } else {
      this.#floats = growRows(this.#floats, slot, dimension);
      this.#floats.set(embedding, slot * dimension);
    }
  }

  /** The stored values of `id` (dequantized with int8 storage), or undefined. */
  get(id: string): number[] | undefined {
    const slot = this.#slots.get(id);
    if (slot === undefined) return undefined;
    const dimension = this.#dimension as number;
    if (this.storage === "float32") return Array.from(this.#floats.subarray(slot * dimension, (slot + 1) * dimension));
    const scale = this.#scales[slot] as number;
    return Array.from(this.#bytes.subarray(slot * dimension, (slot + 1) * dimension), (value) => value * scale);
  }

  remove(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    this.#alive[slot] = 0;
    this.#ids[slot] = undefined;
    this.#dead++;
    if (this.#dead > 64 && this.#dead * 4 > this.#ids.length) this.#compact();
  }

  /** The `topK` rows most similar to `query`; `accept` filters slots. */
  search(options: {
    query: ArrayLike<number>;
    topK: number;
    similarity: Similarity;
    accept?: (slot: number) => boolean;
  }): VectorHit[] {
    const { topK, similarity, accept } = options;
    if (this.#slots.size === 0 || topK <= 0) return [];
    this.checkDimension(options.query, "the query embedding");
    const dimension = this.#dimension as number;
    const query = Float32Array.from(options.query);
    let queryScale = 1;
    if (similarity === "cosine") {
      const norm = Math.hypot(...query);
      queryScale = norm > 0 ? 1 / norm : 0;
    }
    const heap = new TopK(topK);
    const out = new Float32Array(chunkRows);
    const rows = this.#ids.length;
    for (let first = 0; first < rows; first += chunkRows) {
      const count = Math.min(chunkRows, rows - first);
      if (this.storage === "int8") {
        dotRowsInt8({ rows: this.#bytes, scales: this.#scales, query, dimension, first, count, out });
      } else {
        dotRowsFloat32({ rows: this.#floats, query, dimension, first, count, out });
      }
      for (let row = 0; row < count; row++) {
        const slot = first + row;
        if (!this.#alive[slot]) continue;
        let score = out[row] as number;
        if (similarity === "cosine") score *= queryScale * (this.#inverseNorms[slot] as number);
        if (score > heap.threshold && (!accept || accept(slot))) heap.push(score, slot);
      }
    }
    return heap.drain();
  }

  #compact(): void {
    const live = [...this.#slots.keys()].sort(
      (a, b) => (this.#slots.get(a) as number) - (this.#slots.get(b) as number),
    );
    const vectors = live.map((id) => this.get(id) as number[]);
    this.#ids = [];
    this.#slots.clear();
    this.#dead = 0;
    this.#floats = new Float32Array(0);
    this.#bytes = new Int8Array(0);
    live.forEach((id, index) => {
      this.add(id, vectors[index] as number[]);
    });
  }
}

function growRows<T extends Float32Array | Int8Array>(array: T, slot: number, dimension: number): T {
  const needed = (slot + 1) * dimension;
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2, dimension * 16));
  next.set(array);
  return next;
}
