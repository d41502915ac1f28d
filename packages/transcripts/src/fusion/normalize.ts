/**
 * Word normalization for alignment: two transcripts of the same speech agree on a word when their keys are equal,
 * whatever the case, accents, apostrophes, punctuation or way of writing numbers.
 * @module
 */

/** Italian number words spoken as such and written as digits by the other source. */
const NUMBER_WORDS: Record<string, string> = {
  zero: "0",
  uno: "1",
  due: "2",
  tre: "3",
  quattro: "4",
  cinque: "5",
  sei: "6",
  sette: "7",
  otto: "8",
  nove: "9",
  dieci: "10",
  undici: "11",
  dodici: "12",
  tredici: "13",
  quattordici: "14",
  quindici: "15",
  sedici: "16",
  diciassette: "17",
  diciotto: "18",
  diciannove: "19",
  venti: "20",
  trenta: "30",
  quaranta: "40",
  cinquanta: "50",
  sessanta: "60",
  settanta: "70",
  ottanta: "80",
  novanta: "90",
  cento: "100",
  mille: "1000",
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[’‘`´]/g;
const PLAIN_WORD = /^([A-Za-z]+)[.,;:?!]?$/;

/**
 * The alignment keys of one written word: lower case, without accents or punctuation, with number words as digits.
 * An elision or a compound splits into several keys (`dell'articolo` → `dell`, `articolo`; `GPT-5.5` → `gpt`,
 * `5.5`), so that `l'AI` and `l' AI` agree. An accent written as an apostrophe (`perche'`, `e'`) is the accent.
 * Pure punctuation (`...`, `—`) has no key.
 */
export function wordKeys(word: string): string[] {
  // Most words are plain letters, maybe with a comma or full stop after: no folding needed.
  const plain = PLAIN_WORD.exec(word);
  if (plain) {
    const key = plain[1]!.toLowerCase();
    return [Object.hasOwn(NUMBER_WORDS, key) ? NUMBER_WORDS[key]! : key];
  }
  const folded = word.normalize("NFD").replace(COMBINING_MARKS, "").replace(APOSTROPHES, "'").toLowerCase();
  const keys: string[] = [];
  for (const piece of folded.split(/['\-/]+/)) {
    const key = cleanPiece(piece);
    if (key) keys.push(Object.hasOwn(NUMBER_WORDS, key) ? NUMBER_WORDS[key]! : key);
  }
  return keys;
}

/** The alignment keys of a text of several words: `wordKeys` of each. */
export function textKeys(text: string): string[] {
  return text.split(/\s+/).flatMap(wordKeys);
}

function cleanPiece(piece: string): string {
  // Letters and digits only, but a decimal point or comma between digits stays a point (5.5, 5,5 → 5.5).
  const parts = piece.match(/\d+(?:[.,]\d+)+|[\p{L}\p{N}]+/gu) ?? [];
  return parts.map((part) => part.replace(/,/g, ".")).join("");
}

/**
 * A rough phonetic form of a key, so that a mis-heard English term meets the real one: `karpathy` and `carpati` are
 * both `carpati`, `claude` becomes `claude` and `cloud` `cloud` (close, not equal). Used only to score near-matches.
 */
export function phoneticKey(key: string): string {
  return key
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/ck/g, "c")
    .replace(/[kq]/g, "c")
    .replace(/y/g, "i")
    .replace(/w/g, "v")
    .replace(/x/g, "cs")
    .replace(/j/g, "g")
    .replace(/h/g, "")
    .replace(/(.)\1+/g, "$1");
}

/** Whether a written word ends a sentence (`.`, `?`, `!`, `…`, possibly followed by quotes or brackets). */
export function endsSentence(word: string): boolean {
  return /[.?!…]["'”»)\]]*$/.test(word) && !/^\d+\.$/.test(word) && !/^(\p{L}\.){2,}$/u.test(word);
}

/** Whether a written word is followed by a clause break (`,`, `;`, `:`, or a sentence end). */
export function endsClause(word: string): boolean {
  return /[,;:.?!…]["'”»)\]]*$/.test(word);
}

/**
 * Similarity of two keys in [0, 1]: 1 when equal, else one minus the edit distance of their phonetic forms over the
 * longer length. Keys and phonetic forms are short, so the quadratic edit distance is cheap.
 */
export function keySimilarity(first: string, second: string): number {
  if (first === second) return 1;
  return phoneticSimilarity(phoneticKey(first), phoneticKey(second));
}

/** `keySimilarity` for keys already in phonetic form (and known to differ as keys). */
export function phoneticSimilarity(first: string, second: string): number {
  if (first === second) return 0.9;
  const longest = Math.max(first.length, second.length);
  if (longest === 0) return 0;
  // The distance is at least the difference in length: skip the table when that alone makes them unalike.
  if (Math.abs(first.length - second.length) / longest >= 0.75)
    return 1 - Math.abs(first.length - second.length) / longest;
  return Math.max(0, 1 - editDistance(first, second) / longest);
}

let previousRow = new Uint16Array(64);
let currentRow = new Uint16Array(64);

/** Levenshtein distance with two rows of memory, reused between calls. */
export function editDistance(first: string, second: string): number {
  if (first.length < second.length) return editDistance(second, first);
  if (previousRow.length <= second.length) {
    previousRow = new Uint16Array(second.length * 2 + 1);
    currentRow = new Uint16Array(second.length * 2 + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let column = 0; column <= second.length; column++) previous[column] = column;
  for (let row = 1; row <= first.length; row++) {
    current[0] = row;
    const code = first.charCodeAt(row - 1);
    for (let column = 1; column <= second.length; column++) {
      const substitution = previous[column - 1]! + (code === second.charCodeAt(column - 1) ? 0 : 1);
      current[column] = Math.min(substitution, previous[column]! + 1, current[column - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[second.length]!;
}
