import { describe, expect, it } from "vitest";
import { DocumentStoreError } from "../store/errors.js";
import { createAnalyzer } from "./analyzer.js";
import { stemEnglish, stemItalian } from "./stemmers.js";
import { words } from "./tokenize.js";

describe("analyzers", () => {
  it("standard: runs of letters and digits, lower-cased, apostrophes and punctuation separating them", () => {
    const analyze = createAnalyzer("standard");
    expect(analyze("Caffè, naïve CAFÉ! l'acqua 42 e-mail 𝔸lpha 日本語")).toEqual([
      "caffè",
      "naïve",
      "café",
      "l",
      "acqua",
      "42",
      "e",
      "mail",
      "alpha",
      "日本語",
    ]);
    expect(analyze("")).toEqual([]);
    expect(analyze("  ...  ")).toEqual([]);
  });

  it("normalizes Unicode, so composed and decomposed accents give one token", () => {
    const analyze = createAnalyzer("standard");
    expect(analyze("caff\u00e8")).toEqual(analyze("caffe\u0300"));
  });

  it("english: folds accents, keeps possessives together, drops stopwords and stems plurals", () => {
    const analyze = createAnalyzer("english");
    expect(analyze("The cats' queries were running to John's Cafés and the glass")).toEqual([
      "cat",
      "query",
      "were",
      "running",
      "john",
      "cafe",
      "glass",
    ]);
  });

  it("italian: folds accents, strips elisions, drops stopwords and stems gender and number", () => {
    const analyze = createAnalyzer("italian");
    expect(analyze("Dell'acqua e l'albero: perché i bambini e le bambine sono più felici nell’anno")).toEqual([
      "acqua",
      "alber",
      "bambin",
      "bambin",
      "felic",
      "anno",
    ]);
    expect(analyze("L'AMICIZIA e le amicizie")).toEqual(["amiciz", "amiciz"]);
  });

  it("takes options: a custom pattern, stopwords, minimum length, no lower-casing", () => {
    expect(createAnalyzer({ pattern: "[a-z]+-[a-z]+" })("an e-mail or a re-use")).toEqual(["e-mail", "re-use"]);
    expect(createAnalyzer({ stopwords: ["or"], minLength: 2 })("A or BB or CCC")).toEqual(["bb", "ccc"]);
    expect(createAnalyzer({ lowercase: false })("Rome ROME rome")).toEqual(["Rome", "ROME", "rome"]);
  });

  it("refuses unknown presets and invalid patterns with a DocumentStoreError naming them", () => {
    expect(() => createAnalyzer("klingon" as "standard")).toThrow(DocumentStoreError);
    expect(() => createAnalyzer("klingon" as "standard")).toThrow(/'klingon'/);
    expect(() => createAnalyzer({ pattern: "[" })).toThrow(/pattern "\[" is not a valid regular expression/);
  });

  it("tokenizes by hand as the Unicode regular expression does", () => {
    const samples = [
      "Hello, world!",
      "naïve café 42x",
      "𝔸lpha βeta",
      "tab\tnew\nline",
      "l'acqua e l’anno",
      "a''b 'c' d'",
    ];
    for (const sample of samples) {
      expect(words(sample)).toEqual(sample.match(/[\p{L}\p{N}]+/gu) ?? []);
      expect(words(sample, true)).toEqual(sample.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []);
    }
  });
});

describe("stemmers", () => {
  it.each([
    ["queries", "query"],
    ["dogs", "dog"],
    ["glass", "glass"],
    ["status", "status"],
    ["goes", "goes"],
    ["toes", "toes"],
    ["is", "is"],
  ])("english %s → %s", (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it.each([
    ["bambini", "bambin"],
    ["bambino", "bambin"],
    ["bambina", "bambin"],
    ["amiche", "amic"],
    ["amici", "amici"], // words under six letters are left alone, as in Savoy's stemmer
    ["città", "città"],
    ["virtù", "virtù"],
    ["felicità", "felicit"],
  ])("italian %s → %s", (word, stem) => {
    expect(stemItalian(word)).toBe(stem);
  });
});
