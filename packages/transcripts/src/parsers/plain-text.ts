import type { Transcript } from "../model/transcript.js";
import { splitBlocks } from "./blocks.js";
import { collapse } from "./caption-text.js";
import type { ParseOptions } from "./text-lines.js";
import { splitLines } from "./text-lines.js";

/**
 * Reads plain text with no timing: each paragraph (lines up to a blank line) becomes one segment, its lines joined
 * with spaces. Never fails; empty text gives no segments.
 */
export function parsePlainText(text: string, options: ParseOptions = {}): Transcript {
  const segments = splitBlocks(splitLines(text)).map((block) => ({
    text: collapse(block.lines.join(" ")),
    line: block.line,
  }));
  return { format: "text", ...(options.file === undefined ? {} : { file: options.file }), segments };
}
