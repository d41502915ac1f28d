import { describe, expect, it } from "vitest";
import { cleanFillers } from "./fillers.js";
import type { FusedWord } from "./fused-word.js";
import { endsSentence, wordKeys } from "./normalize.js";

function words(text: string, speaker = "Stefano"): FusedWord[] {
  const list = text.split(" ");
  return list.map((word, index) => ({
    text: word,
    keys: wordKeys(word),
    speaker,
    origin: "text",
    sourceIndex: index,
    evidence: -1,
    similarity: 0,
    sentenceStart: index === 0 || endsSentence(list[index - 1]!),
  }));
}

const clean = (text: string) =>
  cleanFillers(words(text))
    .words.map((word) => word.text)
    .join(" ");

describe("cleanFillers", () => {
  it("removes hesitations, moving their capital and full stop to the neighbours", () => {
    expect(clean("Eh, ma eh da adesso abbiamo ehm il transcript")).toBe("Ma da adesso abbiamo il transcript");
    expect(clean("e quindi uhm.")).toBe("e quindi.");
    expect(clean("Ehmm allora partiamo")).toBe("Allora partiamo");
  });

  it("removes stuttered function words and repeated pairs, keeping one copy", () => {
    expect(clean("la la cosa")).toBe("la cosa");
    expect(clean("ho ho fatto ho fatto un test")).toBe("ho fatto un test");
    expect(clean("e e poi")).toBe("e poi");
    expect(clean("che che dici")).toBe("che dici");
  });

  it("removes a cut-off word that the next word completes", () => {
    expect(clean("sta- stavamo cercando")).toBe("stavamo cercando");
    expect(clean("pro... provato")).toBe("provato");
  });

  it("never removes content words, meaningful interjections, emphasis or numbers", () => {
    const kept = [
      "io e te",
      "ah sì, davvero",
      "beh, boh, mah",
      "molto molto colpito",
      "sì sì esatto",
      "no no",
      "eccetera eccetera",
      "mi lievito, mi lievito",
      "2 2 4",
      "20 20",
      "fare fare",
      "il modello e il modello",
      "e... ecco",
    ];
    for (const text of kept) expect(clean(text)).toBe(text);
  });

  it("keeps a hesitation that is an interjection of its own, and reports every removal", () => {
    const list = words("Eh! sì");
    list[0]!.shortTurn = 3;
    expect(cleanFillers(list).words.map((word) => word.text)).toEqual(["Eh!", "sì"]);
    const { removals } = cleanFillers(words("eh la la cosa ho fatto ho fatto"));
    expect(removals).toEqual([
      { index: 0, text: "eh", rule: "hesitation" },
      { index: 1, text: "la", rule: "stutter" },
      { index: 4, text: "ho", rule: "repetition" },
      { index: 5, text: "fatto", rule: "repetition" },
    ]);
  });
});
