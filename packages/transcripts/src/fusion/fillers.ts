/**
 * Filler cleanup: hesitation sounds ("eh", "ehm", "uhm"), stuttered function words ("la la cosa"), repeated word
 * pairs or triples ("ho fatto ho fatto") and cut-off words ("sta- stavamo") go; nothing else does. Content words are
 * never removed: a word is removed only when it is a hesitation sound, or when the very same words follow it at once.
 * Interjections that carry meaning stay ("ah sì", "beh", "boh", "mah"), so do emphatic repetitions of content words
 * ("molto molto", "sì sì", "no no") and repetitions across punctuation ("mi lievito, mi lievito").
 * @module
 */
import type { FusedWord } from "./fused-word.js";
import { wordKeys } from "./normalize.js";

/** One word removed, and why. */
export interface FillerRemoval {
  /** Index of the word in the list before cleanup. */
  index: number;
  text: string;
  rule: "hesitation" | "stutter" | "repetition" | "cut-off";
}

/** Sounds that are only hesitation, in any spelling with repeated letters. */
const HESITATION = /^(e+h+m*|e+m+|u+h*m+|u+h+|m+h*|h+m+|a+h+m+)$/;
/** Words whose immediate repetition is a stutter, not emphasis: articles, prepositions, conjunctions, auxiliaries. */
const FUNCTION_WORDS = new Set(
  (
    "il lo la i gli le l un una uno un' di a da in con su per tra fra e ed o od ma che se non mi ti ci vi ne " +
    "del dello della dei degli delle al allo alla ai agli alle dal dallo dalla dai dagli dalle nel nello nella nei " +
    "negli nelle sul sullo sulla sui sugli sulle col come quando perche anche ho ha hanno abbiamo avete sono sei " +
    "siamo siete era erano questo questa quello quella cioe tipo"
  ).split(" "),
);

/** Removes fillers; returns the words kept and every removal. */
export function cleanFillers(words: readonly FusedWord[]): { words: FusedWord[]; removals: FillerRemoval[] } {
  const remove = new Map<number, FillerRemoval["rule"]>();
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    // A hesitation that is a whole interjection of its own ("Eh!") answers someone: it stays.
    if (word.shortTurn !== undefined && isHesitation(word)) continue;
    const rule = ruleFor(words, index);
    if (rule) remove.set(index, rule);
    const size = rule === undefined ? repetitionSize(words, index) : 0;
    for (let offset = 0; offset < size; offset++) remove.set(index + offset, "repetition");
    if (size > 0) index += size - 1;
  }
  const kept: FusedWord[] = [];
  const removals: FillerRemoval[] = [];
  words.forEach((word, index) => {
    const rule = remove.get(index);
    if (!rule) {
      kept.push(word);
      return;
    }
    removals.push({ index, text: word.text, rule });
    carryPunctuation(word, kept[kept.length - 1], words[index + 1]);
  });
  return { words: kept, removals };
}

function ruleFor(words: readonly FusedWord[], index: number): FillerRemoval["rule"] | undefined {
  const word = words[index]!;
  if (isHesitation(word)) return "hesitation";
  const next = words[index + 1];
  if (!next || next.speaker !== word.speaker) return undefined;
  if (/[-–]$|…$|\.\.\.$/.test(word.text) && isCutOff(word, next)) return "cut-off";
  if (hasPunctuationAfter(word)) return undefined;
  if (sameKeys(word, next) && word.keys.length === 1 && FUNCTION_WORDS.has(word.keys[0]!)) return "stutter";
  return undefined;
}

/** The size of the word pair or triple starting at `index` that is repeated at once after it, or 0. */
function repetitionSize(words: readonly FusedWord[], index: number): number {
  for (const size of [2, 3]) if (repeatsAfter(words, index, size)) return size;
  return 0;
}

function isHesitation(word: FusedWord): boolean {
  return word.keys.length === 1 && isHesitationKey(word.keys[0]!);
}

/** Whether a word key is only a hesitation sound ("eh", "ehm", "uhm", "mmm"). */
export function isHesitationKey(key: string): boolean {
  return HESITATION.test(key);
}

/** Whether `words[index … index + size - 1]` is followed at once by the same words, with no punctuation inside. */
function repeatsAfter(words: readonly FusedWord[], index: number, size: number): boolean {
  if (index + 2 * size > words.length) return false;
  for (let offset = 0; offset < size; offset++) {
    const first = words[index + offset]!;
    const second = words[index + size + offset]!;
    if (!sameKeys(first, second) || first.speaker !== second.speaker || /^\d/.test(first.keys[0] ?? "")) return false;
    if (hasPunctuationAfter(first) || (offset > 0 && first.sentenceStart)) return false;
  }
  return true;
}

function isCutOff(word: FusedWord, next: FusedWord): boolean {
  const stem = wordKeys(word.text.replace(/[-–…]+$|\.\.\.$/, "")).join("");
  return stem.length >= 2 && next.keys.join("").startsWith(stem) && next.keys.join("") !== stem;
}

function sameKeys(first: FusedWord, second: FusedWord): boolean {
  return first.keys.length === second.keys.length && first.keys.every((key, index) => key === second.keys[index]);
}

function hasPunctuationAfter(word: FusedWord): boolean {
  return /[,;:.?!…"»)]$/.test(word.text) && !/[-–]$/.test(word.text);
}

/**
 * A removed filler's sentence end moves to the word before it ("quindi eh." → "quindi."); a filler that opened a
 * sentence hands its capital, if it had one, to the next word ("Eh, ma" → "Ma").
 */
function carryPunctuation(removed: FusedWord, previous: FusedWord | undefined, next: FusedWord | undefined): void {
  const end = removed.text.match(/[.?!…]+$/)?.[0];
  if (end && previous && !/[.?!…]$/.test(previous.text)) previous.text = previous.text.replace(/[,;:]?$/, end);
  if (next && removed.sentenceStart) {
    next.sentenceStart = true;
    if (/^\p{Lu}/u.test(removed.text)) next.text = next.text.charAt(0).toUpperCase() + next.text.slice(1);
  }
}
