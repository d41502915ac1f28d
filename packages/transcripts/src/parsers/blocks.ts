/** A run of non-empty lines, as caption formats separate their cues, with the line where it starts. */
export interface TextBlock {
  /** 1-based line of the block's first line. */
  line: number;
  lines: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what these patterns are for
const whitespaceOrControl = /^[\s\x00-\x1f\x7f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what these patterns are for
const controlOnly = /^[\x00-\x08\x0b-\x1f\x7f]*$/;

/**
 * Splits lines into blocks at blank lines. Lines made only of whitespace or control characters (a stray `\x1a`
 * end-of-file mark, NULs) count as blank; with `spacesAreText` (WebVTT, whose cues may hold a line of one space), only
 * lines of control characters do. Lines keep their text except trailing whitespace.
 */
export function splitBlocks(lines: readonly string[], options: { spacesAreText?: boolean } = {}): TextBlock[] {
  const blank = options.spacesAreText ? controlOnly : whitespaceOrControl;
  const blocks: TextBlock[] = [];
  let current: TextBlock | undefined;
  lines.forEach((raw, index) => {
    if (blank.test(raw)) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { line: index + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(raw.trimEnd());
  });
  return blocks;
}
