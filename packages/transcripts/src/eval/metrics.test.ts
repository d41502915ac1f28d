import { describe, expect, it } from "vitest";
import type { Episode } from "../model/transcript.js";
import { type EvaluatedOutput, measure } from "./metrics.js";
import { f1 } from "./report.js";
import { parseDuration, truthFromEpisode } from "./truth.js";

/** Two chapters, five turns, 21 words, one short interjection. */
const episode: Episode = {
  meta: { duration: "PT1M" },
  sections: [
    {
      title: "Intro",
      start: 0,
      turns: [
        { speaker: "A", paragraphs: ["uno due tre. quattro cinque"] },
        { speaker: "B", paragraphs: ["Ciao!"] },
        { speaker: "A", paragraphs: ["sei sette otto. nove dieci"] },
      ],
    },
    {
      title: "Fine",
      start: 30,
      turns: [
        { speaker: "B", paragraphs: ["alfa beta gamma. delta omega"] },
        { speaker: "A", paragraphs: ["epsilon zeta eta theta iota"] },
      ],
    },
  ],
};
const truth = truthFromEpisode(episode)!;
const truthWords = truth.words.map((word) => ({ text: word.text, speaker: word.speaker, start: word.time }));
const accurate = truth.words.map((word) => word.text);
const listedTimes = [0, 30];
const run = (output: EvaluatedOutput, accurateWords = accurate) =>
  measure({ truth, output, accurateWords, listedTimes });

describe("truth", () => {
  it("flattens a post into words with speakers, turns, sentence starts and times spread over chapters", () => {
    expect(truth.words).toHaveLength(21);
    expect(truth.turns.map((turn) => [turn.speaker, turn.end - turn.first])).toEqual([
      ["A", 5],
      ["B", 1],
      ["A", 5],
      ["B", 5],
      ["A", 5],
    ]);
    expect(truth.words.filter((word) => word.sentenceStart).map((word) => word.text)).toEqual([
      "uno",
      "quattro",
      "Ciao!",
      "sei",
      "nove",
      "alfa",
      "delta",
      "epsilon",
    ]);
    expect(truth.chapters.map((chapter) => [chapter.word, chapter.time])).toEqual([
      [0, 0],
      [11, 30],
    ]);
    expect(truth.words[11]!.time).toBe(30);
    expect(truth.duration).toBe(60);
    expect(parseDuration("PT1H10M28S")).toBe(4228);
    expect(parseDuration("nonsense")).toBeUndefined();
  });
});

describe("measure", () => {
  it("scores a perfect output at 100% with nothing invented", () => {
    const counts = run({ words: truthWords, chapterWords: [0, 11] });
    expect(counts.speaker).toEqual({ count: 21, total: 21 });
    expect(counts.boundaries).toEqual({ matched: 4, predicted: 4, actual: 4 });
    expect(counts.shortTurns).toEqual({ count: 1, total: 1 });
    expect(counts.coverage).toEqual({ count: 21, total: 21 });
    expect(counts.invented).toEqual({ count: 0, total: 21 });
    expect(counts.chaptersBoth).toEqual({ count: 2, total: 2 });
    expect(counts.turnStartErrors).toEqual([0, 0, 0, 0]);
  });

  it("counts a swallowed interjection against speakers near the change, boundaries and short turns", () => {
    const swallowed = truthWords.map((word) => (word.text === "Ciao!" ? { ...word, speaker: "A" } : word));
    const counts = run({ words: swallowed, chapterWords: [0, 11] });
    expect(counts.speaker).toEqual({ count: 20, total: 21 });
    // Words within three of a change: 3 before and 3 after each of the four changes, overlapping around "Ciao!".
    expect(counts.nearChange.total - counts.nearChange.count).toBe(1);
    expect(counts.boundaries).toEqual({ matched: 2, predicted: 2, actual: 4 });
    expect(f1(counts)).toBeCloseTo((2 * 1 * 0.5 * 100) / 1.5, 5);
    expect(counts.shortTurns).toEqual({ count: 0, total: 1 });
  });

  it("counts invented words, lost words, and chapters placed off in time or mid-sentence", () => {
    const words = [...truthWords.slice(0, 3), { text: "inventata", speaker: "A", start: 6 }, ...truthWords.slice(4)];
    // Chapter two starts at "beta" (not a sentence start, 2 s late); chapter one at "due" (mid-sentence).
    const counts = run({ words, chapterWords: [1, 12] });
    expect(counts.invented).toEqual({ count: 1, total: 21 });
    expect(counts.coverage).toEqual({ count: 20, total: 21 });
    expect(counts.chaptersWithin).toEqual({ count: 2, total: 2 });
    expect(counts.chaptersAtSentence).toEqual({ count: 0, total: 2 });
    expect(counts.chapterMisses).toEqual([0, 1]);
    const late = run({ words: truthWords, chapterWords: [0, 19] });
    expect(late.chaptersWithin).toEqual({ count: 1, total: 2 });
    expect(late.chapterMisses).toEqual([1]);
    expect(late.chaptersNearListed).toEqual({ count: 1, total: 2 });
  });

  it("finds an interjection moved a few words away as present, not invented", () => {
    const moved = [...truthWords.slice(0, 5), ...truthWords.slice(6, 8), truthWords[5]!, ...truthWords.slice(8)];
    const counts = run({ words: moved, chapterWords: [0, 11] });
    expect(counts.invented.count).toBe(0);
    expect(counts.coverage.count).toBe(21);
    expect(counts.shortTurns).toEqual({ count: 1, total: 1 });
  });
});
