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

/** One speaker's sentences, each starting at its given second, its words 0.25 s apart. */
function timedSentences(...sentences: Array<[start: number, text: string]>): FusedWord[] {
  const words = episode(["Paolo", sentences.map(([, text]) => text).join(" ")]);
  let index = 0;
  for (const [start, text] of sentences)
    for (let at = 0; at < text.split(" ").length; at++, index++) words[index]!.start = start + at * 0.25;
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

  it("does not count on a neighbour at the very edge of the tolerance, whose time may be a second off", () => {
    // Listed at 100 s: "Passiamo." and "Allora" (at 110 and 110.5 s) and "Infatti" (95.5 s) may each be the start.
    // "Infatti" is nearer the listed time and, by the word times, within 15 s of both others, but only just (14.5 and
    // 15 s); "Passiamo." is surely within 15 s of "Allora" and as near "Infatti" as "Infatti" is to it.
    const words = timedSentences(
      [60, `Prima ${filler(100)}.`],
      [95.5, `Infatti ${filler(40)}.`],
      [110, "Passiamo."],
      [110.5, `Allora ${filler(80)}.`],
    );
    const [, placement] = placeChapters({ words, chapters: [intro, { title: "Capitolo", start: 100 }] });
    expect(firstWords(words, placement!.word)).toBe("Passiamo. Allora parola");
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
