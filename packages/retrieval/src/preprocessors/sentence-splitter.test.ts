import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentence-splitter.js";

const sentences = (text: string, language?: string) =>
  splitSentences(text, language).map((span) => text.slice(span.start, span.end));

describe("splitSentences", () => {
  it("knows English abbreviations, initials, decimals, quotes and line breaks", () => {
    expect(
      sentences(
        'Mr. Smith paid 3.5 dollars, e.g. for coffee! "Really?" she asked. See No. 5 and Fig. 3 by J. R. R. Tolkien. ' +
          "I live in the U.S. It is big.\nThis line was\nwrapped by hand.\n\nA new paragraph without a stop\n\nThe end...",
      ),
    ).toEqual([
      "Mr. Smith paid 3.5 dollars, e.g. for coffee! ",
      '"Really?" she asked. ',
      "See No. 5 and Fig. 3 by J. R. R. Tolkien. ",
      "I live in the U.S. ",
      "It is big.\n",
      "This line was\nwrapped by hand.\n\n",
      "A new paragraph without a stop\n\n",
      "The end...",
    ]);
  });

  it("knows Italian abbreviations, times and enumerations", () => {
    expect(
      sentences(
        "Il Sig. Rossi è arrivato alle 10.30 con la Dott.ssa Bianchi. Vedi pag. 12 e p.es. l'art. 3! Poi è partito.\n" +
          "1. Primo punto.\n2. Secondo punto.",
        "it",
      ),
    ).toEqual([
      "Il Sig. Rossi è arrivato alle 10.30 con la Dott.ssa Bianchi. ",
      "Vedi pag. 12 e p.es. l'art. 3! ",
      "Poi è partito.\n",
      "1. Primo punto.\n",
      "2. Secondo punto.",
    ]);
  });

  it("covers the text exactly, whatever it holds", () => {
    const texts = [
      "",
      "   ",
      "  Leading space. Then more.  ",
      "No stop at all",
      "?!. ... \n\n\f x",
      "Ünïcödé. 🎉 Émoji!",
    ];
    for (const text of texts) {
      const spans = splitSentences(text, "it");
      expect(spans.map((span) => text.slice(span.start, span.end)).join("")).toBe(text);
      spans.forEach((span, index) => {
        expect(span.start).toBe(index === 0 ? 0 : spans[index - 1]!.end);
        expect(span.end).toBeGreaterThan(span.start);
      });
    }
  });
});
