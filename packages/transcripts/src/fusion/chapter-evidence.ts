/**
 * Topic evidence for chapter starts, from the words alone: whether the words after a candidate start speak of the
 * chapter's title more than those before it, counting content words by their light stem so that inflections meet.
 * @module
 */
import type { FusedWord } from "./fused-word.js";
import { textKeys } from "./normalize.js";

/** Words before and after a start that are compared. */
export const CONTEXT_WORDS = 80;
/** Words too common, or too short, to tell one topic from another: articles, prepositions, pronouns, auxiliaries. */
const STOPWORDS = new Set(
  (
    "alla alle allo anche come con dalla dalle degli della delle dello dopo fare nella nelle nostro nostra perche piu poi " +
    "quando quella quello questa questo sono sulla sulle tutti tutto una uno vostra vostro del dei dal dai nel nei sul " +
    "sui col per tra fra gli che chi non cui suo sua suoi sue loro mio mia tuo tua lei lui noi voi anch ancora cosa " +
    "cose molto poco ogni proprio stesso essere avere stato stata hanno abbiamo avete siamo siete sei era erano fatto " +
    "detto dire dice quindi allora pero cioe ecco tipo vabbe insomma magari adesso sempre dove qui qua "
  )
    .trim()
    .split(/\s+/),
);

/** The stem of a content key, or undefined for a key too short or too common to carry a topic. */
export function contentStem(key: string): string | undefined {
  if (key.length < 3 || STOPWORDS.has(key) || /^\d+$/.test(key)) return undefined;
  return lightStem(key);
}

/** The stems of a title's telling words. */
export function titleStems(title: string): Set<string> {
  const stems = new Set<string>();
  for (const key of textKeys(title)) {
    const stem = contentStem(key);
    if (stem !== undefined) stems.add(stem);
  }
  return stems;
}

/** Per word, its content stems (computed once per episode, shared by every chapter). */
export function wordStems(words: readonly FusedWord[]): string[][] {
  return words.map((word) => word.keys.flatMap((key) => contentStem(key) ?? []));
}

/** How much more the words after `index` than those before it mention the title's stems, from -1 to 1. */
export function titleGain(stems: readonly string[][], index: number, title: ReadonlySet<string>): number {
  if (title.size === 0) return 0;
  const mentions = (from: number, to: number) => {
    const found = new Set<string>();
    for (let at = Math.max(0, from); at < Math.min(stems.length, to); at++)
      for (const stem of stems[at]!) if (title.has(stem)) found.add(stem);
    return found.size;
  };
  return (mentions(index, index + CONTEXT_WORDS) - mentions(index - CONTEXT_WORDS, index)) / title.size;
}

/**
 * An Italian light stem: without its final vowels, and the "h" that keeps "c" and "g" hard before them ("banche",
 * "banca" → "banc"; "modelli", "modello" → "modell"), so that inflections meet and unrelated words sharing a prefix
 * ("interfacce", "interessante") do not.
 */
function lightStem(key: string): string {
  const stem = key.replace(/[aeiou]+$/, "").replace(/([cg])h$/, "$1");
  return stem.length >= 3 ? stem : key;
}
