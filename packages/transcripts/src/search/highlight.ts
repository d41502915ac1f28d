/**
 * Snippets of a hit: the stretch of the turn with the most matched words, the matched words marked. Transcript text is
 * data: the HTML form escapes every character that could open markup, and the parts form lets a page build text
 * nodes without parsing anything.
 * @module
 */
import { escapeHtml } from "@trama/server";
import { italianAnalyzer } from "./query-terms.js";

/** A piece of a snippet: text, marked when it is a matched word. */
export interface SnippetPart {
  text: string;
  mark?: true;
}

/** A snippet as parts and as escaped HTML with `<mark>` around matched words. */
export interface Snippet {
  parts: SnippetPart[];
  html: string;
  /** How many words of the whole text matched. */
  matches: number;
}

const wordPattern = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The snippet of `text` for the analyzed query `terms` (see `expandQuery`): the whole text when it has at most
 * `maxWords` words, else the window of that many words holding the most matches, with `…` where it was cut.
 */
export function highlight(text: string, terms: readonly string[], options: { maxWords?: number } = {}): Snippet {
  const maxWords = options.maxWords ?? 40;
  const wanted = new Set(terms);
  const words = Array.from(text.matchAll(wordPattern), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
    matched: italianAnalyzer(match[0]).some((token) => wanted.has(token)),
  }));
  const matches = words.filter((word) => word.matched).length;
  let first = 0;
  let last = words.length;
  if (words.length > maxWords) {
    first = bestWindow(
      words.map((word) => word.matched),
      maxWords,
    );
    last = first + maxWords;
  }
  const from = first === 0 ? 0 : words[first]!.start;
  const to = last >= words.length ? text.length : words[last - 1]!.end;
  const parts: SnippetPart[] = [];
  if (from > 0) parts.push({ text: "…" });
  let at = from;
  for (const word of words.slice(first, last)) {
    if (!word.matched) continue;
    if (word.start > at) parts.push({ text: text.slice(at, word.start) });
    parts.push({ text: text.slice(word.start, word.end), mark: true });
    at = word.end;
  }
  if (to > at) parts.push({ text: text.slice(at, to) });
  if (to < text.length) parts.push({ text: "…" });
  const html = parts
    .map((part) => (part.mark ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text)))
    .join("");
  return { parts: mergeText(parts), html, matches };
}

/** The first index of the `size`-word window with the most matches, starting a few words before its first match. */
function bestWindow(matched: boolean[], size: number): number {
  let count = 0;
  let best = 0;
  let bestStart = 0;
  for (let index = 0; index < matched.length; index++) {
    if (matched[index]) count++;
    if (index >= size && matched[index - size]) count--;
    if (index >= size - 1 && count > best) {
      best = count;
      bestStart = index - size + 1;
    }
  }
  if (best === 0) return 0;
  const firstMatch = matched.indexOf(true, bestStart);
  // Some words of context before the first match, without running past the end.
  return Math.max(0, Math.min(firstMatch - 5, matched.length - size));
}

function mergeText(parts: SnippetPart[]): SnippetPart[] {
  const merged: SnippetPart[] = [];
  for (const part of parts) {
    const previous = merged.at(-1);
    if (previous && !previous.mark && !part.mark) previous.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
