import type { Segment, Transcript } from "../model/transcript.js";
import { splitBlocks } from "./blocks.js";
import { plainCueText } from "./caption-text.js";
import { parseClock } from "./clock.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, splitLines, UNNAMED_INPUT } from "./text-lines.js";

const timingPattern = /^(\d+:\d{2}:\d{2}(?:\.\d{1,3})?),(\d+:\d{2}:\d{2}(?:\.\d{1,3})?)$/;

/**
 * Reads YouTube's `.sbv` captions: blocks of a `H:MM:SS.mmm,H:MM:SS.mmm` line and one or more text lines, separated
 * by blank lines. Each block becomes one segment; markup is removed and its lines are joined with spaces. A block with
 * a timing line and no text is skipped.
 *
 * @throws TranscriptParseError naming the file and line of a block that does not start with a timing line, or whose
 * end comes before its start.
 */
export function parseSbv(text: string, options: ParseOptions = {}): Transcript {
  const file = options.file ?? UNNAMED_INPUT;
  const segments: Segment[] = [];
  for (const block of splitBlocks(splitLines(text))) {
    const [timing, ...body] = block.lines;
    const match = timingPattern.exec(timing!.trim());
    const start = match ? parseClock(match[1]!) : undefined;
    const end = match ? parseClock(match[2]!) : undefined;
    if (start === undefined || end === undefined || end < start) {
      throw new TranscriptParseError({
        file,
        line: block.line,
        expected:
          start !== undefined && end !== undefined
            ? "an end time at or after the start time"
            : "a timing line such as `0:00:01.000,0:00:04.500` starting the block",
        found: timing,
        hint: "SBV blocks are a timing line, the caption's lines, and a blank line.",
      });
    }
    const words = plainCueText(body);
    if (words !== "") segments.push({ text: words, start, end, line: block.line });
  }
  return { format: "sbv", ...(options.file === undefined ? {} : { file: options.file }), segments };
}
