/**
 * Sentence splitting that knows English and Italian: the Unicode sentence boundaries of the platform's ICU
 * (`Intl.Segmenter`, which already keeps decimals such as `3.14` and `10.30` whole and handles quotes and closing
 * brackets), then rules that undo its usual mistakes:
 * - after abbreviations that precede a name or a number (`Mr.`, `Dr.`, `Sig.`, `Dott.ssa`, `e.g.`, `p.es.`, `No. 5`,
 *   `pag. 12`) and after initials (`J. R. R. Tolkien`);
 * - before a lowercase letter (`"Really?" she asked`, `e.g. for`, `etc. and`);
 * - after an enumerator alone (`1.`, `(a)`);
 * - at a single line break inside a sentence (hard-wrapped text); a blank line always ends a sentence.
 *
 * Sentences are spans that cover the text exactly: each keeps the whitespace after it, so joining them gives the text
 * back, and offsets are exact.
 * @module
 */

/** A span of text: `text.slice(start, end)`. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Abbreviations after which a sentence never ends (lowercase, without the final dot). */
const titleAbbreviations: Record<string, readonly string[]> = {
  en: [
    "mr",
    "mrs",
    "ms",
    "messrs",
    "mme",
    "mlle",
    "dr",
    "prof",
    "sr",
    "st",
    "mt",
    "capt",
    "col",
    "gen",
    "lt",
    "sgt",
    "cpl",
    "maj",
    "adm",
    "rev",
    "hon",
    "gov",
    "sen",
    "rep",
    "pres",
    "supt",
    "insp",
    "det",
    "e.g",
    "i.e",
    "cf",
    "vs",
    "viz",
    "approx",
    "ca",
    "fig",
    "figs",
  ],
  it: [
    "sig",
    "sigg",
    "sig.ra",
    "sig.na",
    "sig.ri",
    "dott",
    "dott.ssa",
    "dr",
    "prof",
    "prof.ssa",
    "ing",
    "avv",
    "arch",
    "geom",
    "rag",
    "on",
    "egr",
    "gent",
    "gent.mo",
    "gent.ma",
    "gent.mi",
    "spett",
    "mons",
    "rev",
    "sen",
    "p.es",
    "es",
    "cfr",
    "vs",
    "ca",
    "fig",
    "ill.mo",
    "preg",
    "pregg",
  ],
};

/** Abbreviations after which a sentence does not end when a number follows (`No. 5`, `pag. 12`, `Jan. 3`). */
const numberAbbreviations: Record<string, readonly string[]> = {
  en: [
    "no",
    "nos",
    "nr",
    "p",
    "pp",
    "vol",
    "vols",
    "ch",
    "chap",
    "sec",
    "art",
    "eq",
    "tab",
    "ref",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "ed",
    "op",
    "ver",
    "v",
  ],
  it: [
    "n",
    "nr",
    "num",
    "pag",
    "pagg",
    "p",
    "pp",
    "art",
    "artt",
    "cap",
    "capp",
    "vol",
    "voll",
    "tab",
    "par",
    "all",
    "tel",
    "gen",
    "feb",
    "mar",
    "apr",
    "mag",
    "giu",
    "lug",
    "ago",
    "set",
    "ott",
    "nov",
    "dic",
    "c",
    "co",
    "lett",
  ],
};

const segmenters = new Map<string, Intl.Segmenter>();
const lists = new Map<string, { titles: Set<string>; numbers: Set<string> }>();

function listsFor(language: string): { titles: Set<string>; numbers: Set<string> } {
  const base = language.toLowerCase().split(/[-_]/)[0]!;
  let found = lists.get(base);
  if (!found) {
    // Every language gets the English lists too: English abbreviations turn up in Italian text, and unknown languages
    // are better served by them than by none.
    found = {
      titles: new Set([...(titleAbbreviations.en ?? []), ...(titleAbbreviations[base] ?? [])]),
      numbers: new Set([...(numberAbbreviations.en ?? []), ...(numberAbbreviations[base] ?? [])]),
    };
    lists.set(base, found);
  }
  return found;
}

const terminal = /[.!?…‽。！？][\])"'”’»]*$/u;
const blankLine = /\n[^\S\n]*\n/;
const startsLowercase = /^[\s"'“‘«([]*\p{Ll}/u;
const startsDigit = /^[\s"'“‘«([]*\p{N}/u;
const enumerator = /^\s*\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)]$/;

/** The sentences of `text` for `language` (a BCP 47 tag: `en`, `it`, `it-CH`, …), as spans covering the whole text. */
export function splitSentences(text: string, language = "en"): TextSpan[] {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
    segmenters.set(language, segmenter);
  }
  const abbreviations = listsFor(language);
  const spans: TextSpan[] = [];
  for (const { index, segment } of segmenter.segment(text)) {
    const span = { start: index, end: index + segment.length };
    const previous = spans[spans.length - 1];
    if (previous && needsJoin(text, previous, span, abbreviations)) previous.end = span.end;
    else spans.push(span);
  }
  return spans;
}

function needsJoin(
  text: string,
  current: TextSpan,
  next: TextSpan,
  abbreviations: { titles: Set<string>; numbers: Set<string> },
): boolean {
  const body = text.slice(current.start, current.end);
  const following = text.slice(next.start, next.end);
  // Whitespace alone is never a sentence: it belongs to the sentence before it (or, at the start, after it).
  if (!following.trim() || !body.trim()) return true;
  const trimmed = body.trimEnd();
  if (blankLine.test(body.slice(trimmed.length))) return false;
  if (!terminal.test(trimmed)) return true;
  if (startsLowercase.test(following)) return true;
  if (enumerator.test(trimmed)) return true;
  // The word before the dot, without opening brackets or quotes, nor an elided article (`l'art.`, `dell'avv.`).
  const lastWord = /(\S+)\.[\])"'”’»]*$/u
    .exec(trimmed)?.[1]
    ?.replace(/^[([{"'“‘«]+/u, "")
    .replace(/^\p{L}+['’](?=\p{L})/u, "");
  if (lastWord === undefined) return false;
  if (/^\p{Lu}$/u.test(lastWord)) return true;
  const word = lastWord.toLowerCase();
  if (abbreviations.titles.has(word)) return true;
  return abbreviations.numbers.has(word) && startsDigit.test(following);
}
