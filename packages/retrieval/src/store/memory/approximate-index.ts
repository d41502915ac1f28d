/**
 * Approximate nearest neighbours through usearch's HNSW index, an optional peer dependency loaded on first use.
 *
 * usearch is loaded with `require` (through `createRequire`): its ES module entry looks for the native build relative
 * to a path it cannot work out under ESM and overflows the stack, while its CommonJS entry works.
 * @module
 */
import { createRequire } from "node:module";
import type { Similarity } from "../document-store.js";
import { DocumentStoreError } from "../errors.js";
import type { ApproximateSearchOptions } from "./memory-store-options.js";

interface UsearchMatches {
  keys: BigUint64Array;
  distances: Float32Array;
}

interface UsearchIndex {
  add(keys: BigUint64Array, vectors: Float32Array, threads: number): void;
  search(vectors: Float32Array, k: number, threads: number): UsearchMatches;
  remove(keys: bigint): number;
  size(): number;
}

interface UsearchModule {
  Index: new (config: {
    dimensions: number;
    metric: string;
    quantization: string;
    connectivity: number;
    expansion_add: number;
    expansion_search: number;
    multi: boolean;
  }) => UsearchIndex;
}

let usearch: UsearchModule | undefined;

function loadUsearch(): UsearchModule {
  if (usearch) return usearch;
  try {
    usearch = createRequire(import.meta.url)("usearch") as UsearchModule;
    return usearch;
  } catch (error) {
    const missing = (error as { code?: string }).code === "MODULE_NOT_FOUND";
    throw new DocumentStoreError(
      missing
        ? "The memory store's approximate search needs usearch: install it with npm install usearch@~2.25.3, or remove the 'approximate' option for exact search."
        : `The memory store could not load usearch for approximate search: ${String(error)}. Reinstall usearch@~2.25.3, or remove the 'approximate' option.`,
      { cause: error },
    );
  }
}

/**
 * An HNSW graph over the store's embeddings, keyed by a serial number each added row gets. Additions wait in a batch
 * until `flush()` (or the next search), since usearch builds a batch with all cores and far faster than one by one.
 */
export class ApproximateIndex {
  readonly #index: UsearchIndex;
  readonly #dimension: number;
  #pending = new Map<number, ArrayLike<number>>();

  constructor(
    readonly similarity: Similarity,
    dimension: number,
    options: ApproximateSearchOptions,
  ) {
    this.#dimension = dimension;
    const { Index } = loadUsearch();
    this.#index = new Index({
      dimensions: dimension,
      metric: similarity === "cosine" ? "cos" : "ip",
      quantization: "f32",
      connectivity: options.connectivity ?? 16,
      expansion_add: options.expansionAdd ?? 128,
      expansion_search: options.expansionSearch ?? 64,
      multi: false,
    });
  }

  /** Rows in the graph, once flushed. */
  get size(): number {
    this.flush();
    return this.#index.size();
  }

  add(serial: number, values: ArrayLike<number>): void {
    this.#pending.set(serial, values);
  }

  remove(serial: number): void {
    if (!this.#pending.delete(serial)) this.#index.remove(BigInt(serial));
  }

  /** Adds the waiting rows to the graph, in one batch. */
  flush(): void {
    if (this.#pending.size === 0) return;
    const keys = new BigUint64Array(this.#pending.size);
    const rows = new Float32Array(this.#pending.size * this.#dimension);
    let row = 0;
    for (const [serial, values] of this.#pending) {
      keys[row] = BigInt(serial);
      rows.set(values, row * this.#dimension);
      row++;
    }
    this.#pending = new Map();
    this.#index.add(keys, rows, 0);
  }

  /** Up to `topK` serials, most similar first, with their similarity (cosine or dot product). */
  search(query: ArrayLike<number>, topK: number): Array<{ serial: number; score: number }> {
    this.flush();
    const matches = this.#index.search(Float32Array.from(query), topK, 1);
    return Array.from(matches.keys, (key, index) => ({
      serial: Number(key),
      // usearch reports distances: 1 − cosine, or 1 − dot product.
      score: 1 - (matches.distances[index] as number),
    }));
  }
}
