/**
 * Speech-recognition errors, as the recording tool makes them: words substituted (often by a near-sounding word),
 * deleted, split in two, merged with the next, extra words inserted, and English terms mangled into Italian spelling
 * ("Claude" → "cloud", "Karpathy" → "carpati", "GPT" → "gi pi ti").
 * @module
 */
import type { Random } from "./random.js";

/** Words of Italian that end in a consonant, so that they are not mistaken for English terms. */
const ITALIAN_CONSONANT_ENDINGS = new Set(
  "il in con per non un del al nel dal sul col ad ed od bar sport film gas tram tennis chat club web".split(" "),
);

/** Short words a recognizer inserts where it hears something. */
const INSERTIONS = ["e", "che", "di", "a", "eh", "la", "il", "ma", "no", "poi"];

/** Whether a word looks like an English term in Italian speech: a letter Italian rarely uses, a consonant ending, an acronym. */
export function isEnglishTerm(word: string): boolean {
  const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  if (bare.length < 2 || /^\d/.test(bare)) return false;
  if (/^\p{Lu}{2,5}$/u.test(bare)) return true;
  const lower = bare.toLowerCase();
  if (lower.includes("'")) return false;
  if (/[kwyjx]/.test(lower)) return true;
  return /[bcdfghlmnprstvz]$/.test(lower) && !ITALIAN_CONSONANT_ENDINGS.has(lower) && lower.length >= 3;
}

const LETTER_NAMES: Record<string, string> = {
  a: "a",
  b: "bi",
  c: "ci",
  d: "di",
  e: "e",
  f: "effe",
  g: "gi",
  h: "acca",
  i: "i",
  j: "gei",
  k: "cappa",
  l: "elle",
  m: "emme",
  n: "enne",
  o: "o",
  p: "pi",
  q: "cu",
  r: "erre",
  s: "esse",
  t: "ti",
  u: "u",
  v: "vi",
  w: "vu",
  x: "ics",
  y: "ipsilon",
  z: "zeta",
};

/** An English term as an Italian recognizer may write it: spelled out, respelled by sound, or cut in two. */
export function mangleEnglish(word: string, random: Random): string[] {
  const { lead, bare, trail } = splitPunctuation(word);
  if (/^\p{Lu}{2,5}$/u.test(bare) && random.chance(0.6)) {
    const letters = [...bare.toLowerCase()].map((letter) => LETTER_NAMES[letter] ?? letter);
    return withPunctuation(letters, lead, trail);
  }
  const respelled = bare
    .toLowerCase()
    .replace(/th/g, "t")
    .replace(/ph/g, "f")
    .replace(/ck/g, "c")
    .replace(/k/g, "c")
    .replace(/y$/g, "i")
    .replace(/y/g, "i")
    .replace(/w/g, "u")
    .replace(/ee/g, "i")
    .replace(/oo/g, "u")
    .replace(/au/g, "o")
    .replace(/([bcdfgmnprstvz])e$/, "$1");
  if (respelled.length >= 7 && random.chance(0.3)) {
    const cut = random.integer(3, respelled.length - 3);
    return withPunctuation([respelled.slice(0, cut), respelled.slice(cut)], lead, trail);
  }
  return withPunctuation([respelled === bare.toLowerCase() ? `${respelled}o` : respelled], lead, trail);
}

/**
 * The recognizer's version of a sequence of words: each word independently, with probability `rate`, substituted,
 * deleted, split, merged with the next, or followed by an inserted word; English terms are mangled half the time.
 * `vocabulary` supplies substitutes that are real words of the episode.
 */
export function corruptWords(options: {
  words: readonly string[];
  rate: number;
  random: Random;
  vocabulary: readonly string[];
}): string[] {
  const { words, rate, random, vocabulary } = options;
  const output: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (isEnglishTerm(word) && random.chance(0.5)) {
      output.push(...mangleEnglish(word, random));
      continue;
    }
    if (!random.chance(rate)) {
      output.push(word);
      continue;
    }
    const kind = random.next();
    if (kind < 0.4) output.push(substitute(word, random, vocabulary));
    else if (kind < 0.6) continue;
    else if (kind < 0.7) output.push(...split(word, random));
    else if (kind < 0.8 && index + 1 < words.length) {
      output.push(`${stripTrailing(word)}${words[index + 1]!.toLowerCase()}`);
      index++;
    } else output.push(word, random.pick(INSERTIONS));
  }
  return output;
}

function substitute(word: string, random: Random, vocabulary: readonly string[]): string {
  const { lead, bare, trail } = splitPunctuation(word);
  if (bare.length >= 4 && random.chance(0.5)) {
    // A near-sounding word: one letter changed, as "parlavamo" heard as "parlevamo".
    const at = random.integer(1, bare.length - 2);
    const letter = random.pick([..."aeiourlnst"]);
    return `${lead}${bare.slice(0, at)}${letter}${bare.slice(at + 1)}${trail}`;
  }
  const other = splitPunctuation(random.pick(vocabulary)).bare.toLowerCase();
  return `${lead}${other || bare}${trail}`;
}

function split(word: string, random: Random): string[] {
  const { lead, bare, trail } = splitPunctuation(word);
  if (bare.length < 6) return [word];
  const cut = random.integer(2, bare.length - 3);
  return withPunctuation([bare.slice(0, cut), bare.slice(cut)], lead, trail);
}

function splitPunctuation(word: string): { lead: string; bare: string; trail: string } {
  const match = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}']*)$/su.exec(word)!;
  return { lead: match[1]!, bare: match[2]!, trail: match[3]! };
}

function stripTrailing(word: string): string {
  return splitPunctuation(word).lead + splitPunctuation(word).bare;
}

function withPunctuation(parts: string[], lead: string, trail: string): string[] {
  const result = parts.filter(Boolean);
  if (result.length === 0) return [`${lead}${trail}`];
  result[0] = `${lead}${result[0]}`;
  result[result.length - 1] = `${result[result.length - 1]}${trail}`;
  return result;
}
