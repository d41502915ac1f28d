/**
 * An FTS5 query for what a person typed: every word must appear (as a word or the start of one), and nothing typed
 * is read as FTS5 syntax, so quotes, `AND`, `NEAR`, `*` or `-` can never make the query fail. Undefined when the
 * text has no words.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  return words.map((word) => `"${word}"*`).join(" ");
}
