/**
 * Which units go into which chunk: consecutive units up to a budget, the next chunk starting with some of the last
 * units of the one before (the overlap).
 * @module
 */

/** How the overlap is counted. */
export type OverlapRule =
  /** Exactly `overlap` units (Haystack's windows of `length` units, stepping by `length - overlap`). */
  | "units"
  /**
   * Haystack's rule when sentences are weighed by their words: the last units (never the chunk's first) are kept
   * until their weight exceeds `overlap`, as long as it stays within `length`.
   */
  | "weight";

export interface ChunkPlanOptions {
  /** The weight of each unit: 1 to count units, or its words or tokens. */
  weights: readonly number[];
  /** A chunk's budget: units are added while the total stays within it (a chunk has at least one unit). */
  length: number;
  overlap: number;
  overlapRule: OverlapRule;
}

/** The chunks, as `[firstUnit, endUnit)` pairs in order; every unit is in at least one chunk. */
export function planChunks(options: ChunkPlanOptions): Array<[number, number]> {
  const { weights, length } = options;
  const chunks: Array<[number, number]> = [];
  let start = 0;
  while (start < weights.length) {
    let end = start + 1;
    let weight = weights[start]!;
    while (end < weights.length && weight + weights[end]! <= length) {
      weight += weights[end]!;
      end++;
    }
    chunks.push([start, end]);
    if (end >= weights.length) break;
    start = end - unitsToKeep(options, start, end);
  }
  return chunks;
}

/** How many of a chunk's last units the next chunk starts with; always fewer than the chunk has, so it advances. */
function unitsToKeep(options: ChunkPlanOptions, start: number, end: number): number {
  const { weights, length, overlap } = options;
  if (overlap <= 0) return 0;
  if (options.overlapRule === "units") return Math.min(overlap, end - start - 1);
  let keep = 0;
  let weight = 0;
  for (let index = end - 1; index > start; index--) {
    weight += weights[index]!;
    if (weight > length) break;
    keep++;
    if (weight > overlap) break;
  }
  return keep;
}
