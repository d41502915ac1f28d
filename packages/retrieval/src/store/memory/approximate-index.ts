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
  add(keys: bigint, vectors: Float32Array): void;
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

/** An HNSW graph over the store's embeddings, keyed by a serial number each added row gets. */
export class ApproximateIndex {
  readonly #index: UsearchIndex;

  constructor(
    readonly similarity: Similarity,
    dimension: number,
    options: ApproximateSearchOptions,
  ) {
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

  get size(): number {
    return this.#index.size();
  }

  add(serial: number, values: ArrayLike<number>): void {
    this.#index.add(BigInt(serial), Float32Array.from(values));
  }

  remove(serial: number): void {
    this.#index.remove(BigInt(serial));
  }

  /** Up to `topK` serials, most similar first, with their similarity (cosine or dot product). */
  search(query: ArrayLike<number>, topK: number): Array<{ serial: number; score: number }> {
    const matches = this.#index.search(Float32Array.from(query), topK, 1);
    return Array.from(matches.keys, (key, index) => ({
      serial: Number(key),
      // usearch reports distances: 1 − cosine, or 1 − dot product.
      score: 1 - (matches.distances[index] as number),
    }));
  }
}
