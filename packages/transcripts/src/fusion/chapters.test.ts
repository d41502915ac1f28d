import { describe, expect, it } from "vitest";
import { placeChapters } from "./chapters.js";
import type { FusedWord } from "./fused-word.js";
import { wordKeys } from "./normalize.js";
import { markSentenceStarts } from "./short-turns.js";

/** Words of consecutive turns, 0.4 s apart, with sentence starts marked as the fusion marks them. */
function episode(...turns: Array<[speaker: string, text: string]>): FusedWord[] {
  const words: FusedWord[] = [];
  for (const [speaker, text] of turns) {
    for (const word of text.split(" ")) {
      const start = words.length * 0.4;
      words.push({
        text: word,
        keys: wordKeys(word),
        start,
        end: start + 0.4,
        speaker,
        origin: "text",
        sourceIndex: words.length,
        evidence: -1,
        similarity: 0,
        sentenceStart: false,
      });
    }
  }
  markSentenceStarts(words);
  return words;
}

/** The episode's first chapter, at its first word, so that the chapter under test is placed by the evidence. */
const intro = { title: "Introduzione", start: 0 };
const filler = (count: number) => Array.from({ length: count }, () => "parola").join(" ");
const firstWords = (words: FusedWord[], at: number) =>
  words
    .slice(at, at + 3)
    .map((word) => word.text)
    .join(" ");

describe("placeChapters", () => {
  it("starts a chapter at the sentence start nearest a turn boundary put a word late, not mid-sentence", () => {
    // The speaker transfer gave "No," to the previous speaker: the other speaker's turn starts at "tocchi".
    const words = episode(
      ["Paolo", `Ma ${filler(30)} avranno voglia di vedere contenuti da 90 minuti? No,`],
      ["Giulia", `tocchi proprio il punto su cui sarei andato. Però ${filler(30)}.`],
    );
    // "Però" is nearer the listed time, but "No," is where the other speaker took over, which weighs more.
    const [, placement] = placeChapters({ words, chapters: [intro, { title: "La nuova generazione", start: 19 }] });
    expect(firstWords(words, placement!.word)).toBe("No, tocchi proprio");
    expect(placement!.sentenceStart).toBe(true);
  });

  it("keeps a turn start where the previous speaker was cut off mid-sentence", () => {
    const words = episode(["Paolo", `Ma ${filler(30)} e quindi`], ["Giulia", `Sì, certo, il punto ${filler(30)}.`]);
    const [, placement] = placeChapters({ words, chapters: [intro, { title: "La nuova generazione", start: 13 }] });
    expect(firstWords(words, placement!.word)).toBe("Sì, certo, il");
  });

  it("counts the title's words by their stem, not by a prefix that unrelated words share", () => {
    // "interessante" shares its first five letters with "interfacce" but is another word: the chapter starts where
    // the interfaces are talked about.
    const words = episode(
      ["Paolo", `Prima ${filler(49)}.`],
      ["Paolo", `Molto ${filler(20)} interessante ${filler(66)}.`],
      ["Paolo", `Ecco ${filler(30)} interfaccia ${filler(60)}.`],
    );
    const [, placement] = placeChapters({
      words,
      chapters: [intro, { title: "Evoluzione delle interfacce", start: 40 }],
      options: { tolerance: 30 },
    });
    expect(firstWords(words, placement!.word)).toBe(`Ecco ${filler(2)}`);
  });
});
