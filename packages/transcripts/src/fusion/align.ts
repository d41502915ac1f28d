/**
 * Word alignment of two transcripts of the same speech, in memory linear in their length.
 *
 * Words that occur once in both sequences, in the same order, are reliable anchors (the idea of patience diff): the
 * aligner takes n-grams unique within the range on both sides (n = 3, then 2, then 1), keeps the longest chain of
 * them that increases on both sides, and repeats inside the gaps between anchors. Gaps small enough are aligned with
 * an edit distance that scores near-misses by sound (`carpati` ~ `Karpathy`) and allows one word heard as two and
 * two as one. A gap too big for that, rare since anchors are dense, is cut in two where the times agree. Memory is
 * the two sequences plus one edit-distance table of at most `maxCells` bytes.
 * @module
 */
import { type AlignRange, type AlignState, editAlign } from "./edit-align.js";
import { phoneticKey } from "./normalize.js";

/** What `alignSequences` aligns: two sequences of keys, and their times where known. */
export interface AlignInput {
  /** The sequence every position of the result refers to (the accurate source's keys). */
  left: readonly string[];
  /** The sequence aligned to (the speaker source's keys). */
  right: readonly string[];
  /** Seconds per left key (NaN where unknown). With `rightTimes`, anchors further apart in time are refused. */
  leftTimes?: Float64Array;
  rightTimes?: Float64Array;
  /** How far apart in time two keys may be and still anchor the alignment, in seconds. Default 90. */
  timeTolerance?: number;
  /** Largest edit-distance table, in cells (one byte each). Default 4,000,000. */
  maxCells?: number;
}

/** The alignment: for every left key, the right key it corresponds to. */
export interface Alignment {
  /** Index of the right key aligned to each left key, or -1. Increasing wherever it is not -1 (merges repeat one). */
  leftToRight: Int32Array;
  /** How alike each aligned pair is, 0 to 1 (1 for equal keys, 0 where unaligned). */
  similarity: Float32Array;
  stats: AlignStats;
}

/** What the alignment did, for diagnostics and benchmarks. */
export interface AlignStats {
  anchors: number;
  /** Cells of all edit-distance tables filled, and of the largest one. */
  cells: number;
  largestTable: number;
  /** Ranges cut in two because no anchor was found and they were too big for one table. */
  cuts: number;
}

/** Ranges this small are aligned with the edit distance directly: it is exact, and cheap at this size. */
const DIRECT_CELLS = 40_000;

/** Aligns `right` to `left`: see the module documentation for the method. */
export function alignSequences(input: AlignInput): Alignment {
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  const encode = (keys: readonly string[]) =>
    Int32Array.from(keys, (key) => {
      let id = vocabulary.get(key);
      if (id === undefined) {
        id = words.length;
        vocabulary.set(key, id);
        words.push(key);
      }
      return id;
    });
  const left = encode(input.left);
  const right = encode(input.right);
  const state: AlignState = {
    left,
    right,
    words,
    phonetic: words.map(phoneticKey),
    leftTimes: input.leftTimes,
    rightTimes: input.rightTimes,
    tolerance: input.timeTolerance ?? 90,
    maxCells: input.maxCells ?? 4_000_000,
    leftToRight: new Int32Array(left.length).fill(-1),
    similarity: new Float32Array(left.length),
    stats: { anchors: 0, cells: 0, largestTable: 0, cuts: 0 },
    pairCache: new Map(),
    joinCache: new Map(),
  };
  const stack: AlignRange[] = [{ left: 0, leftEnd: left.length, right: 0, rightEnd: right.length, gram: 3 }];
  while (stack.length > 0) alignRange(state, stack.pop()!, stack);
  return { leftToRight: state.leftToRight, similarity: state.similarity, stats: state.stats };
}

function alignRange(state: AlignState, range: AlignRange, stack: AlignRange[]): void {
  const leftLength = range.leftEnd - range.left;
  const rightLength = range.rightEnd - range.right;
  if (leftLength === 0 || rightLength === 0) return;
  const cells = (leftLength + 1) * (rightLength + 1);
  if (cells <= DIRECT_CELLS) {
    editAlign(state, range);
    return;
  }
  for (let gram = range.gram; gram >= 1; gram--) {
    const chain = anchorChain(state, range, gram);
    if (chain.length === 0) continue;
    state.stats.anchors += chain.length;
    let left = range.left;
    let right = range.right;
    for (const [anchorLeft, anchorRight] of chain) {
      stack.push({ left, leftEnd: anchorLeft, right, rightEnd: anchorRight, gram: 3 });
      state.leftToRight[anchorLeft] = anchorRight;
      state.similarity[anchorLeft] = 1;
      left = anchorLeft + 1;
      right = anchorRight + 1;
    }
    stack.push({ left, leftEnd: range.leftEnd, right, rightEnd: range.rightEnd, gram: 3 });
    return;
  }
  if (cells <= state.maxCells) {
    editAlign(state, range);
    return;
  }
  state.stats.cuts++;
  const leftMiddle = range.left + (leftLength >> 1);
  const rightMiddle = cutPoint(state, range, leftMiddle);
  stack.push({ left: range.left, leftEnd: leftMiddle, right: range.right, rightEnd: rightMiddle, gram: 3 });
  stack.push({ left: leftMiddle, leftEnd: range.leftEnd, right: rightMiddle, rightEnd: range.rightEnd, gram: 3 });
}

/** Where to cut the right side when the left is cut at `leftMiddle`: at the same time when both have times. */
function cutPoint(state: AlignState, range: AlignRange, leftMiddle: number): number {
  const time = state.leftTimes?.[leftMiddle];
  if (state.rightTimes && time !== undefined && !Number.isNaN(time)) {
    for (let index = range.right; index < range.rightEnd; index++) {
      if (state.rightTimes[index]! >= time) return index;
    }
    return range.rightEnd;
  }
  const fraction = (leftMiddle - range.left) / (range.leftEnd - range.left);
  return range.right + Math.round(fraction * (range.rightEnd - range.right));
}

/**
 * Pairs of positions starting an n-gram that occurs exactly once on each side of the range (and, when both sides
 * have times, at about the same time), reduced to the longest chain increasing on both sides; every unit of each
 * chained n-gram is returned as a pair.
 */
function anchorChain(state: AlignState, range: AlignRange, gram: number): Array<[number, number]> {
  const seen = new Map<number | string, { leftCount: number; left: number; rightCount: number; right: number }>();
  const size = state.words.length;
  // n-grams as one number while the vocabulary is small enough for that to be exact, else as text.
  const numeric = size ** gram < Number.MAX_SAFE_INTEGER;
  const gramKey = (sequence: Int32Array, at: number): number | string => {
    if (numeric) {
      let key = sequence[at]!;
      for (let offset = 1; offset < gram; offset++) key = key * size + sequence[at + offset]!;
      return key;
    }
    let key = `${sequence[at]}`;
    for (let offset = 1; offset < gram; offset++) key += `,${sequence[at + offset]}`;
    return key;
  };
  for (let index = range.left; index + gram <= range.leftEnd; index++) {
    const key = gramKey(state.left, index);
    const entry = seen.get(key);
    if (entry) entry.leftCount++;
    else seen.set(key, { leftCount: 1, left: index, rightCount: 0, right: -1 });
  }
  for (let index = range.right; index + gram <= range.rightEnd; index++) {
    const entry = seen.get(gramKey(state.right, index));
    if (!entry) continue;
    entry.rightCount++;
    entry.right = index;
  }
  const candidates: Array<[number, number]> = [];
  for (const entry of seen.values()) {
    if (entry.leftCount !== 1 || entry.rightCount !== 1) continue;
    if (!closeInTime(state, entry.left, entry.right)) continue;
    candidates.push([entry.left, entry.right]);
  }
  candidates.sort((first, second) => first[0] - second[0]);
  const chained = longestIncreasing(candidates);
  const pairs: Array<[number, number]> = [];
  let lastLeft = range.left - 1;
  let lastRight = range.right - 1;
  for (const [left, right] of chained) {
    for (let offset = 0; offset < gram; offset++) {
      if (left + offset <= lastLeft || right + offset <= lastRight) continue;
      pairs.push([left + offset, right + offset]);
      lastLeft = left + offset;
      lastRight = right + offset;
    }
  }
  return pairs;
}

function closeInTime(state: AlignState, left: number, right: number): boolean {
  const leftTime = state.leftTimes?.[left];
  const rightTime = state.rightTimes?.[right];
  if (leftTime === undefined || rightTime === undefined || Number.isNaN(leftTime) || Number.isNaN(rightTime))
    return true;
  return Math.abs(leftTime - rightTime) <= state.tolerance;
}

/** The longest subsequence of pairs (sorted by left) whose right positions strictly increase: O(k log k). */
export function longestIncreasing(pairs: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let index = 0; index < pairs.length; index++) {
    const value = pairs[index]![1];
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]!]![1] < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  }
  const chain: Array<[number, number]> = [];
  for (let index = tails.length ? tails[tails.length - 1]! : -1; index >= 0; index = previous[index]!) {
    chain.push([pairs[index]![0], pairs[index]![1]]);
  }
  return chain.reverse();
}
