/**
 * Cue text as caption formats write it, made plain: markup removed (`<i>`, `<c.color>`, `<00:00:01.000>`, `{\an8}`,
 * `<font>`), character references decoded, the `>>` speaker-change marks dropped, whitespace collapsed.
 * @module
 */

const namedEntities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lrm: "",
  rlm: "",
};

/** Decodes `&amp;`, `&lt;`, `&#39;`, `&#x2019;` and the other references caption files use; unknown ones stay. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (reference, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
    }
    return namedEntities[name.toLowerCase()] ?? reference;
  });
}

/** Removes markup and joins a cue's lines into one line of plain words. */
export function plainCueText(lines: readonly string[]): string {
  return collapse(decodeEntities(lines.map(stripMarkup).join(" ")));
}

/** Removes tags (`<i>`, `</c>`, `<v Name>`, `<00:00:01.000>`) and SSA overrides (`{\an8}`). */
export function stripMarkup(text: string): string {
  return text.replace(/<[^>]*>/g, "").replace(/\{\\[^}]*\}/g, "");
}

/** One space between words; YouTube's `>>` speaker-change marks removed. */
export function collapse(text: string): string {
  return text
    .replace(/(^|\s)>>(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
