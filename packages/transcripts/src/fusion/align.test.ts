import { describe, expect, it } from "vitest";
import { alignSequences, longestIncreasing } from "./align.js";
import { endsSentence, keySimilarity, wordKeys } from "./normalize.js";

const keys = (text: string) => text.split(/\s+/).flatMap(wordKeys);

/** The right words each left word is aligned to, as text, for readable expectations. */
function pairs(left: string, right: string): string[] {
  const leftKeys = keys(left);
  const rightKeys = keys(right);
  const { leftToRight } = alignSequences({ left: leftKeys, right: rightKeys });
  return leftKeys.map((key, index) => `${key}=${leftToRight[index]! >= 0 ? rightKeys[leftToRight[index]!] : "-"}`);
}

describe("wordKeys", () => {
  it("folds case, accents, apostrophe accents, punctuation and number words", () => {
    expect(wordKeys("Perché")).toEqual(["perche"]);
    expect(wordKeys("perche'")).toEqual(["perche"]);
    expect(wordKeys("E'")).toEqual(["e"]);
    expect(wordKeys("è")).toEqual(["e"]);
    expect(wordKeys("dell'articolo,")).toEqual(["dell", "articolo"]);
    expect(wordKeys("l’AI")).toEqual(["l", "ai"]);
    expect(wordKeys("GPT-5.5")).toEqual(["gpt", "5.5"]);
    expect(wordKeys("5,5")).toEqual(["5.5"]);
    expect(wordKeys("cinque")).toEqual(["5"]);
    expect(wordKeys("A/B")).toEqual(["a", "b"]);
    expect(wordKeys("...")).toEqual([]);
    expect(wordKeys("—")).toEqual([]);
  });

  it("scores a mis-heard English term close to the real one, and unrelated words far", () => {
    expect(keySimilarity("carpati", "karpathy")).toBeGreaterThanOrEqual(0.9);
    expect(keySimilarity("cloud", "claude")).toBeGreaterThan(0.4);
    expect(keySimilarity("cloud", "tavolo")).toBeLessThan(0.3);
  });

  it("knows sentence ends from abbreviations and ordinals", () => {
    expect(endsSentence("fatto.")).toBe(true);
    expect(endsSentence("davvero?!")).toBe(true);
    expect(endsSentence('detto."')).toBe(true);
    expect(endsSentence("fatto,")).toBe(false);
    expect(endsSentence("E.C.")).toBe(false);
  });
});

describe("alignSequences", () => {
  it("aligns equal words and leaves words only one side has unaligned", () => {
    expect(pairs("oggi puntata super densa", "oggi una puntata densa")).toEqual([
      "oggi=oggi",
      "puntata=puntata",
      "super=-",
      "densa=densa",
    ]);
  });

  it("pairs a mis-heard word with the right one, and two words heard as one", () => {
    expect(pairs("del Karpathy wiki", "del carpati wiki")).toEqual(["del=del", "karpathy=carpati", "wiki=wiki"]);
    expect(pairs("meno sicofantico dei precedenti", "meno sincopatico, sincopatetico dei precedenti")).toEqual([
      "meno=meno",
      "sicofantico=sincopatico",
      "dei=dei",
      "precedenti=precedenti",
    ]);
    expect(pairs("con Claude Code oggi", "con claudecode oggi")).toEqual([
      "con=con",
      "claude=claudecode",
      "code=claudecode",
      "oggi=oggi",
    ]);
    expect(pairs("con claudecode oggi", "con Claude Code oggi")).toEqual(["con=con", "claudecode=claude", "oggi=oggi"]);
  });

  it("aligns long sequences through anchors and never crosses them", () => {
    const words = Array.from({ length: 3000 }, (_, index) => `w${index % 997}`);
    const changed = words.map((word, index) => (index % 7 === 3 ? `x${index}` : word)).filter((_, i) => i % 11 !== 5);
    const { leftToRight, stats } = alignSequences({ left: words, right: changed });
    expect(stats.anchors).toBeGreaterThan(100);
    let last = -1;
    let aligned = 0;
    for (const right of leftToRight) {
      if (right < 0) continue;
      expect(right).toBeGreaterThanOrEqual(last);
      last = right;
      aligned++;
    }
    // Every word the right side kept is aligned: 1 in 11 was deleted.
    expect(aligned).toBeGreaterThan(words.length * 0.9 - 1);
  });

  it("refuses anchors whose times are too far apart, so a repeated passage aligns with its own time", () => {
    const passage = "questa frase viene ripetuta due volte nella puntata".split(" ");
    const filler = (tag: string) => Array.from({ length: 300 }, (_, index) => `${tag}${index}`);
    const left = [...passage, ...filler("a")];
    const right = [...filler("b"), ...passage];
    const times = (length: number, offset: number) => Float64Array.from({ length }, (_, index) => offset + index / 3);
    const withTimes = alignSequences({
      left,
      right,
      leftTimes: times(left.length, 0),
      rightTimes: times(right.length, 0),
      timeTolerance: 30,
    });
    expect([...withTimes.leftToRight.slice(0, passage.length)].every((right) => right < 300)).toBe(true);
  });

  it("finds the longest increasing chain", () => {
    expect(
      longestIncreasing([
        [0, 5],
        [1, 1],
        [2, 2],
        [3, 9],
        [4, 3],
      ]),
    ).toEqual([
      [1, 1],
      [2, 2],
      [4, 3],
    ]);
  });
});
