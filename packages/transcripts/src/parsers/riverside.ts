import type { Segment, Transcript } from "../model/transcript.js";
import { CLOCK_PATTERN, parseClock } from "./clock.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, splitLines, UNNAMED_INPUT } from "./text-lines.js";

/**
 * A speaker name: up to eight words of letters (accents included), apostrophes, hyphens and initials ("J. R."), the
 * first capitalised; lower-case particles such as "di" or "van" may follow. Sentences that end in a time ("ci vediamo
 * alle (12:30)") do not match, because they hold lower-case first words or punctuation.
 */
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ \t]+[\p{L}\p{M}'’.\-]+){0,7}`;
const headerPattern = new RegExp(String.raw`^(${NAME})[ \t]*\((${CLOCK_PATTERN})\)[ \t]*$`, "u");
const looseHeaderPattern = /^(.{1,80}?)[ \t]*\(([^()]*)\)[ \t]*$/u;

/** True when the line is a `Speaker Name (MM:SS)` header of the recording tool's export. */
export function isRiversideHeader(line: string): boolean {
  return headerPattern.test(line.trim());
}

/**
 * Reads the recording tool's export: a `Speaker Name (MM:SS)` header (also `(H:MM:SS)` and `(MM:SS.mmm)`), then the
 * turn's paragraphs separated by blank lines. Each turn becomes one segment with the header's speaker, start time and
 * line; its paragraphs are kept, joined by a blank line (`\n\n`). Turns come in file order, which is not always time
 * order: the tool lists a short interjection after the paragraph it interrupted. A turn without words is skipped.
 *
 * @throws TranscriptParseError naming the file and line when text comes before the first header, or a header's time
 * is not a clock time.
 */
export function parseRiverside(text: string, options: ParseOptions = {}): Transcript {
  const file = options.file ?? UNNAMED_INPUT;
  const segments: Segment[] = [];
  let current: { segment: Segment; paragraphs: string[]; paragraph: string[] } | undefined;

  const closeParagraph = () => {
    if (current && current.paragraph.length > 0) {
      current.paragraphs.push(current.paragraph.join(" "));
      current.paragraph = [];
    }
  };
  const closeTurn = () => {
    closeParagraph();
    if (current && current.paragraphs.length > 0) {
      current.segment.text = current.paragraphs.join("\n\n");
      segments.push(current.segment);
    }
    current = undefined;
  };

  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const header = headerPattern.exec(trimmed);
    if (header) {
      closeTurn();
      const start = parseClock(header[2]!);
      if (start === undefined) throw badTime(file, line, raw);
      current = { segment: { text: "", start, speaker: header[1]!.trim(), line }, paragraphs: [], paragraph: [] };
      return;
    }
    if (trimmed === "") {
      closeParagraph();
      return;
    }
    if (!current) {
      const loose = looseHeaderPattern.exec(trimmed);
      throw new TranscriptParseError({
        file,
        line,
        expected: "a `Speaker Name (MM:SS)` header before the first words",
        found: raw,
        hint: loose
          ? "The time in parentheses must be MM:SS, H:MM:SS or MM:SS.mmm."
          : "Is this the recording tool's transcript export? Pass the format explicitly if it is another one.",
      });
    }
    current.paragraph.push(trimmed);
  });
  closeTurn();
  return { format: "riverside", ...(options.file === undefined ? {} : { file: options.file }), segments };
}

function badTime(file: string, line: number, raw: string): TranscriptParseError {
  return new TranscriptParseError({
    file,
    line,
    expected: "a time such as (05:09), (1:09:25) or (05:09.250) with seconds under 60",
    found: raw,
  });
}
