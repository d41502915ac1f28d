/**
 * The edit-distance step of the aligner: one range of both sequences aligned exactly, with substitutions scored by
 * sound and two words against one either way ("claude code" ~ "claudecode"). Memory: one byte per table cell.
 * @module
 */
import type { AlignStats } from "./align.js";
import { phoneticSimilarity } from "./normalize.js";

/** A range of both sequences still to align: `left … leftEnd - 1` against `right … rightEnd - 1`. */
export interface AlignRange {
  left: number;
  leftEnd: number;
  right: number;
  rightEnd: number;
  /** Anchor n-gram length to try first. */
  gram: number;
}

/** Everything one alignment works with: the sequences as word ids, the result so far, caches. */
export interface AlignState {
  left: Int32Array;
  right: Int32Array;
  words: string[];
  phonetic: string[];
  leftTimes: Float64Array | undefined;
  rightTimes: Float64Array | undefined;
  tolerance: number;
  maxCells: number;
  leftToRight: Int32Array;
  similarity: Float32Array;
  stats: AlignStats;
  pairCache: Map<number, number>;
  joinCache: Map<number, number>;
}

/** Most cached likeness scores kept; past it the cache starts over, so memory stays bounded on any input. */
const CACHE_LIMIT = 200_000;
const GAP = 1;
const SUBSTITUTION = 1.6;
const JOIN_PENALTY = 0.25;

/** Edit steps, as stored in the table: a pair, a left or right key skipped, two left or two right keys as one. */
const Step = { Pair: 0, SkipLeft: 1, SkipRight: 2, TwoLeft: 3, TwoRight: 4 } as const;

/** Edit-distance alignment of one range: substitutions scored by sound, and two words against one either way. */
export function editAlign(state: AlignState, range: AlignRange): void {
  const rows = range.leftEnd - range.left;
  const columns = range.rightEnd - range.right;
  const width = columns + 1;
  state.stats.cells += (rows + 1) * width;
  state.stats.largestTable = Math.max(state.stats.largestTable, (rows + 1) * width);
  const steps = new Uint8Array((rows + 1) * width);
  let beforePrevious = new Float64Array(width);
  let previous = new Float64Array(width);
  let current = new Float64Array(width);
  for (let column = 0; column <= columns; column++) {
    previous[column] = column * GAP;
    steps[column] = Step.SkipRight;
  }
  for (let row = 1; row <= rows; row++) {
    const leftId = state.left[range.left + row - 1]!;
    current[0] = row * GAP;
    steps[row * width] = Step.SkipLeft;
    for (let column = 1; column <= columns; column++) {
      const rightId = state.right[range.right + column - 1]!;
      let best = previous[column - 1]! + SUBSTITUTION * (1 - pairSimilarity(state, leftId, rightId));
      let step: number = Step.Pair;
      if (previous[column]! + GAP < best) {
        best = previous[column]! + GAP;
        step = Step.SkipLeft;
      }
      if (current[column - 1]! + GAP < best) {
        best = current[column - 1]! + GAP;
        step = Step.SkipRight;
      }
      if (row >= 2 && leftId !== rightId) {
        const joined = joinSimilarity(state, state.left[range.left + row - 2]!, leftId, rightId);
        const cost = beforePrevious[column - 1]! + JOIN_PENALTY + SUBSTITUTION * (1 - joined);
        if (joined > 0 && cost < best) {
          best = cost;
          step = Step.TwoLeft;
        }
      }
      if (column >= 2 && leftId !== rightId) {
        const joined = joinSimilarity(state, state.right[range.right + column - 2]!, rightId, leftId);
        const cost = previous[column - 2]! + JOIN_PENALTY + SUBSTITUTION * (1 - joined);
        if (joined > 0 && cost < best) {
          best = cost;
          step = Step.TwoRight;
        }
      }
      current[column] = best;
      steps[row * width + column] = step;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  traceBack(state, range, steps, width);
}

function traceBack(state: AlignState, range: AlignRange, steps: Uint8Array, width: number): void {
  let row = range.leftEnd - range.left;
  let column = range.rightEnd - range.right;
  while (row > 0 && column > 0) {
    const step = steps[row * width + column];
    const left = range.left + row - 1;
    const right = range.right + column - 1;
    if (step === Step.Pair) {
      state.leftToRight[left] = right;
      state.similarity[left] = pairSimilarity(state, state.left[left]!, state.right[right]!);
      row--;
      column--;
    } else if (step === Step.SkipLeft) row--;
    else if (step === Step.SkipRight) column--;
    else if (step === Step.TwoLeft) {
      const joined = joinSimilarity(state, state.left[left - 1]!, state.left[left]!, state.right[right]!);
      state.leftToRight[left - 1] = right;
      state.leftToRight[left] = right;
      state.similarity[left - 1] = joined;
      state.similarity[left] = joined;
      row -= 2;
      column--;
    } else {
      state.leftToRight[left] = right - 1;
      state.similarity[left] = joinSimilarity(state, state.right[right - 1]!, state.right[right]!, state.left[left]!);
      row--;
      column -= 2;
    }
  }
}

function pairSimilarity(state: AlignState, leftId: number, rightId: number): number {
  if (leftId === rightId) return 1;
  const key = leftId * state.words.length + rightId;
  let value = state.pairCache.get(key);
  if (value === undefined) {
    value = phoneticSimilarity(state.phonetic[leftId]!, state.phonetic[rightId]!);
    if (state.pairCache.size >= CACHE_LIMIT) state.pairCache.clear();
    state.pairCache.set(key, value);
  }
  return value;
}

/** How alike two words written together are to one word; 0 when their lengths make it implausible. */
function joinSimilarity(state: AlignState, firstId: number, secondId: number, otherId: number): number {
  const first = state.phonetic[firstId]!;
  const second = state.phonetic[secondId]!;
  const other = state.phonetic[otherId]!;
  const length = first.length + second.length;
  if (Math.abs(length - other.length) > Math.max(2, other.length * 0.4)) return 0;
  const size = state.words.length;
  const key = (firstId * size + secondId) * size + otherId;
  let value = state.joinCache.get(key);
  if (value === undefined) {
    const joined = first + second;
    const similarity = joined === other ? 1 : phoneticSimilarity(joined, other);
    value = similarity >= 0.6 ? similarity : 0;
    if (state.joinCache.size >= CACHE_LIMIT) state.joinCache.clear();
    state.joinCache.set(key, value);
  }
  return value;
}
