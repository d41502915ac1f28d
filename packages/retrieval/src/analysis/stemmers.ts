/**
 * Light stemmers: they conflate inflections (plurals, gender) and leave derivations alone, which is what keyword
 * search over transcripts wants: few surprising merges. Both follow the algorithms Lucene ships.
 * @module
 */

/**
 * English plural stemmer (Lucene's `EnglishMinimalStemmer`, after Harman 1991): `queries` → `query`,
 * `dogs` → `dog`, and leaves `glass`, `status`, `goes`, `toes` alone. Expects lower-case input.
 */
export function stemEnglish(word: string): string {
  const length = word.length;
  if (length < 3 || word[length - 1] !== "s") return word;
  const before = word[length - 2];
  if (before === "u" || before === "s") return word;
  if (before === "e") {
    const third = word[length - 3];
    const fourth = word[length - 4];
    if (length > 3 && third === "i" && fourth !== "a" && fourth !== "e") return `${word.slice(0, length - 3)}y`;
    if (third === "i" || third === "a" || third === "o" || third === "e") return word;
  }
  return word.slice(0, -1);
}

const italianVowels: Record<string, string> = {
  à: "a",
  á: "a",
  â: "a",
  ä: "a",
  ò: "o",
  ó: "o",
  ô: "o",
  ö: "o",
  è: "e",
  é: "e",
  ê: "e",
  ë: "e",
  ù: "u",
  ú: "u",
  û: "u",
  ü: "u",
  ì: "i",
  í: "i",
  î: "i",
  ï: "i",
};

/**
 * Italian light stemmer (Savoy's, as Lucene's `ItalianLightStemmer`): folds accented vowels and strips the final
 * vowel of words of six letters or more, with `-ie`/`-he`/`-hi`/`-ii`/`-ia`/`-io` as one ending:
 * `bambini`, `bambino`, `bambina` → `bambin`; `amiche` → `amic`. Expects lower-case input.
 */
export function stemItalian(word: string): string {
  if (word.length < 6) return word;
  const folded = word.replace(/[àáâäòóôöèéêëùúûüìíîï]/g, (vowel) => italianVowels[vowel] ?? vowel);
  const last = folded[folded.length - 1];
  const before = folded[folded.length - 2];
  switch (last) {
    case "e":
      return folded.slice(0, before === "i" || before === "h" ? -2 : -1);
    case "i":
      return folded.slice(0, before === "h" || before === "i" ? -2 : -1);
    case "a":
    case "o":
      return folded.slice(0, before === "i" ? -2 : -1);
    default:
      return folded;
  }
}
