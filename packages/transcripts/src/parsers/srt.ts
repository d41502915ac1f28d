import type { Segment, Transcript } from "../model/transcript.js";
import { splitBlocks } from "./blocks.js";
import { plainCueText } from "./caption-text.js";
import { isTimingLine, readCueTiming } from "./cue-timing.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, splitLines, UNNAMED_INPUT } from "./text-lines.js";

const EXAMPLE = "00:00:01,000 --> 00:00:04,500";

/**
 * Reads SubRip (`.srt`) captions: blocks of an index line, a `HH:MM:SS,mmm --> HH:MM:SS,mmm` line (a `.` before the
 * milliseconds and trailing coordinates are accepted too) and text lines. The index may be missing. Markup (`<i>`,
 * `<font>`, `{\an8}`) is removed and lines are joined with spaces; a cue without text is skipped.
 *
 * @throws TranscriptParseError naming the file and line of a block without a timing line, or with a malformed one.
 */
export function parseSrt(text: string, options: ParseOptions = {}): Transcript {
  const file = options.file ?? UNNAMED_INPUT;
  const segments: Segment[] = [];
  for (const block of splitBlocks(splitLines(text))) {
    const timingIndex = block.lines.findIndex(isTimingLine);
    // The timing line is the first line, or the second after a numeric index.
    if (timingIndex < 0 || timingIndex > 1 || (timingIndex === 1 && !/^\d+$/.test(block.lines[0]!.trim()))) {
      throw new TranscriptParseError({
        file,
        line: block.line + Math.max(0, Math.min(timingIndex, 1)),
        expected: `a cue: an index line, then a timing line such as \`${EXAMPLE}\`, then its text`,
        found: block.lines[0],
      });
    }
    const timing = readCueTiming(block.lines[timingIndex]!, { file, line: block.line + timingIndex, example: EXAMPLE });
    const words = plainCueText(block.lines.slice(timingIndex + 1));
    if (words !== "") segments.push({ text: words, start: timing.start, end: timing.end, line: block.line });
  }
  return { format: "srt", ...(options.file === undefined ? {} : { file: options.file }), segments };
}
