/**
 * The default tokenizer, written by hand: runs of letters and digits (`/[\p{L}\p{N}]+/u`), optionally joined across
 * inner apostrophes (`dell'acqua`). Several times faster than the regular expression on long texts, since ASCII
 * characters are classified by their code and only others go through the Unicode property test.
 * @module
 */

const letterOrDigit = /^[\p{L}\p{N}]$/u;

/** Whether the code point at `index` is a letter or digit, and how many UTF-16 units it takes (negative: not one). */
function wordUnitsAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ? 1 : -1;
  }
  const point = text.codePointAt(index) as number;
  const units = point > 0xffff ? 2 : 1;
  return letterOrDigit.test(String.fromCodePoint(point)) ? units : -units;
}

/** The words of `text`; with `keepApostrophes`, `l'acqua` and `john's` stay one word each. */
export function words(text: string, keepApostrophes = false): string[] {
  const found: string[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    const units = wordUnitsAt(text, index);
    if (units < 0) {
      index -= units;
      continue;
    }
    const start = index;
    index += units;
    while (index < length) {
      const next = wordUnitsAt(text, index);
      if (next > 0) {
        index += next;
        continue;
      }
      const code = text.charCodeAt(index);
      const apostrophe = code === 39 || code === 0x2019;
      if (!keepApostrophes || !apostrophe || index + 1 >= length || wordUnitsAt(text, index + 1) < 0) break;
      index += 1;
    }
    found.push(text.slice(start, index));
  }
  return found;
}
