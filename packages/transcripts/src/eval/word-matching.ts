/**
 * Word-level correspondence between two word lists (the fusion's output and the truth, or the accurate source and
 * the output), through the fusion's own aligner, with a tolerance for words that moved a little (interjections moved
 * by crosstalk or to a sentence boundary), which an order-keeping alignment cannot pair.
 * @module
 */
import { alignSequences } from "../fusion/align.js";
import { wordKeys } from "../fusion/normalize.js";
import { keyUnits } from "../fusion/source-words.js";

/** A word list to match: the words as written, with their times where known. */
export interface WordList {
  texts: readonly string[];
  times?: ReadonlyArray<number | undefined>;
}

/** How words of `left` correspond to words of `right`. */
export interface WordMatch {
  /** The right word paired with each left word, with equal keys, or -1. */
  leftToRight: Int32Array;
  /** Whether each left word is paired, or has a right word with the same keys within `window` words of where it would be. */
  present: Uint8Array;
}

/** Matches `left` to `right`; `window` is how far (in right words) a moved word may be found. Default 30. */
export function matchWords(left: WordList, right: WordList, window = 30): WordMatch {
  const leftUnits = keyUnits(left.texts);
  const rightUnits = keyUnits(right.texts);
  const unitTimes = (list: WordList, unitWord: Int32Array) =>
    list.times ? Float64Array.from(unitWord, (word) => list.times![word] ?? Number.NaN) : undefined;
  const alignment = alignSequences({
    left: leftUnits.keys,
    right: rightUnits.keys,
    leftTimes: unitTimes(left, leftUnits.unitWord),
    rightTimes: unitTimes(right, rightUnits.unitWord),
    timeTolerance: 180,
  });
  const leftToRight = new Int32Array(left.texts.length).fill(-1);
  const allEqual = new Uint8Array(left.texts.length).fill(1);
  leftUnits.unitWord.forEach((word, unit) => {
    const right = alignment.leftToRight[unit]!;
    if (right < 0 || alignment.similarity[unit]! < 1) allEqual[word] = 0;
    else if (leftToRight[word] === -1) leftToRight[word] = rightUnits.unitWord[right]!;
  });
  for (let word = 0; word < left.texts.length; word++) if (!allEqual[word]) leftToRight[word] = -1;
  return { leftToRight, present: presence(left, right, leftToRight, window) };
}

function presence(left: WordList, right: WordList, leftToRight: Int32Array, window: number): Uint8Array {
  const present = new Uint8Array(left.texts.length);
  const rightKeys = right.texts.map((text) => wordKeys(text).join(" "));
  let anchor = 0;
  for (let word = 0; word < left.texts.length; word++) {
    if (leftToRight[word]! >= 0) {
      present[word] = 1;
      anchor = leftToRight[word]!;
      continue;
    }
    const key = wordKeys(left.texts[word]!).join(" ");
    for (let at = Math.max(0, anchor - window); at < Math.min(right.texts.length, anchor + window); at++) {
      if (rightKeys[at] === key) {
        present[word] = 1;
        break;
      }
    }
  }
  return present;
}
