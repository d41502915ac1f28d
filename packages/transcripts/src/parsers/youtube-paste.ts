import type { Chapter, Segment, Transcript } from "../model/transcript.js";
import { collapse } from "./caption-text.js";
import { parseClock } from "./clock.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, splitLines, UNNAMED_INPUT } from "./text-lines.js";

const timePattern = /^(\d{1,2}(?::\d{2}){1,2})$/;
const timeAndTextPattern = /^(\d{1,2}(?::\d{2}){1,2})\s+(\S.*)$/;
/** The spoken length YouTube's newer panel puts under each time ("2 seconds", "1 minuto, 5 secondi"). */
const durationPattern =
  /^\d+\s+(?:seconds?|minutes?|hours?|second[oi]|minut[oi]|or[ae])(?:,\s*\d+\s+(?:seconds?|minutes?|hours?|second[oi]|minut[oi]|or[ae]))*$/i;

/**
 * Reads the YouTube "Show transcript" copy-paste: a time line (`0:05`, `1:02:03`) then the caption's text line, over
 * and over; also `0:05 text` on one line, and the spoken-length lines of the newer panel ("5 seconds"). When the video
 * has chapters, the panel interleaves their titles: a line between one caption's text and the next time is a chapter
 * title, starting at that next time, and goes to `chapters` (a single such title is taken for the panel's heading and
 * dropped).
 *
 * @throws TranscriptParseError naming the file and line when there is no time line at all, or a time is malformed.
 */
export function parseYoutubePaste(text: string, options: ParseOptions = {}): Transcript {
  const file = options.file ?? UNNAMED_INPUT;
  const segments: Segment[] = [];
  const chapters: Chapter[] = [];
  let current: Segment | undefined;
  let pendingTitle: { title: string; line: number } | undefined;

  const readTime = (value: string, line: number, raw: string): number => {
    const time = parseClock(value);
    if (time === undefined) {
      throw new TranscriptParseError({ file, line, expected: "a time such as 0:05 or 1:02:03", found: raw });
    }
    return time;
  };
  const startCue = (time: number, line: number) => {
    if (pendingTitle) chapters.push({ start: time, title: pendingTitle.title, line: pendingTitle.line });
    pendingTitle = undefined;
    current = { text: "", start: time, line };
    segments.push(current);
  };

  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || durationPattern.test(trimmed)) return;
    const time = timePattern.exec(trimmed);
    if (time) {
      startCue(readTime(time[1]!, line, raw), line);
      return;
    }
    const inline = timeAndTextPattern.exec(trimmed);
    if (inline) {
      startCue(readTime(inline[1]!, line, raw), line);
      current!.text = collapse(inline[2]!);
      return;
    }
    if (current && current.text === "") {
      current.text = collapse(trimmed);
      return;
    }
    // A second text line before the next time: a chapter title (only the last such line counts).
    pendingTitle = { title: trimmed, line };
  });
  if (segments.length === 0) {
    throw new TranscriptParseError({
      file,
      line: 1,
      expected: "time lines such as `0:05` followed by the caption's text",
      hint: "Copy the transcript from YouTube's Show transcript panel with its timestamps on.",
    });
  }
  const transcript: Transcript = {
    format: "youtube-paste",
    ...(options.file === undefined ? {} : { file: options.file }),
    segments: segments.filter((segment) => segment.text !== ""),
  };
  // YouTube shows chapters only for three or more; one title is the panel's heading, not a chapter.
  if (chapters.length >= 2) transcript.chapters = chapters;
  return transcript;
}
