import { CLOCK_PATTERN, parseClock } from "./clock.js";
import { TranscriptParseError } from "./parse-error.js";

const arrowPattern = new RegExp(String.raw`^(${CLOCK_PATTERN})\s*-->\s*(${CLOCK_PATTERN})(?:\s+(.*))?$`);

/** A cue's timing line (`00:00:01,000 --> 00:00:04,000` in SRT, `00:01.000 --> 00:04.000 align:start` in WebVTT). */
export interface CueTiming {
  start: number;
  end: number;
  /** What follows the end time: WebVTT cue settings, SRT coordinates. */
  settings: string;
}

/** True when the line holds `-->`, so it is meant as a timing line (well-formed or not). */
export function isTimingLine(line: string): boolean {
  return line.includes("-->");
}

/**
 * Reads a `start --> end [settings]` line.
 * @throws TranscriptParseError naming the file and line when a time is malformed or the cue ends before it starts.
 */
export function readCueTiming(line: string, where: { file: string; line: number; example: string }): CueTiming {
  const match = arrowPattern.exec(line.trim());
  const start = match ? parseClock(match[1]!) : undefined;
  const end = match ? parseClock(match[2]!) : undefined;
  if (start === undefined || end === undefined) {
    throw new TranscriptParseError({
      file: where.file,
      line: where.line,
      expected: `a timing line such as \`${where.example}\``,
      found: line,
    });
  }
  if (end < start) {
    throw new TranscriptParseError({
      file: where.file,
      line: where.line,
      expected: "an end time at or after the start time",
      found: line,
    });
  }
  return { start, end, settings: match![3] ?? "" };
}
