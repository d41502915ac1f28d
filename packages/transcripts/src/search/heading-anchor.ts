/**
 * The `id`s Jekyll gives headings: kramdown's GFM parser (Jekyll's default Markdown) derives them from the heading's
 * raw text, so a link to `#0529-il-libro-come-medium-nellera-ai-ebook-vs-cartaceo` lands on
 * `## **[05:29] Il libro come medium nell'era AI: ebook vs cartaceo**` without the post declaring any anchor.
 * @module
 */

// kramdown's NON_WORD_RE is /[^\p{Word}\- \t]/: Ruby's \p{Word} is letters, marks, digits and connector punctuation.
const nonWord = /[^\p{L}\p{M}\p{N}\p{Pc}\- \t]/gu;

/**
 * Builds heading ids as kramdown's GFM parser does, in document order: the raw heading text lower-cased, everything
 * but word characters, dashes, spaces and tabs removed, spaces and tabs turned into dashes; a repeated id gets `-1`,
 * `-2`, … Call `next` once per heading of the post, in order (every level counts, as in kramdown).
 */
export function headingAnchors(): { next(rawText: string): string } {
  const seen = new Map<string, number>();
  return {
    next(rawText) {
      const base = rawText.toLowerCase().replace(nonWord, "").replace(/[ \t]/g, "-");
      const count = seen.get(base) ?? -1;
      seen.set(base, count + 1);
      return count + 1 > 0 ? `${base}-${count + 1}` : base;
    },
  };
}

/** The text after the `#`s of a heading line (`## **[05:29] Title**` → `**[05:29] Title**`), as kramdown takes it for the id. */
export function headingText(line: string): string {
  return line
    .trim()
    .replace(/^#{1,6}\s+/, "")
    .replace(/\s+#+\s*$/, "");
}
