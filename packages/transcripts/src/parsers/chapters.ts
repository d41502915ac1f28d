import type { Chapter } from "../model/transcript.js";
import { CLOCK_PATTERN, formatClock, parseClock } from "./clock.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, splitLines, UNNAMED_INPUT } from "./text-lines.js";

/**
 * One chapter line: an optional bullet (`-`, `*`, `•`, `1.`), the time (bare, `[…]` or `(…)`), an optional separator
 * (`-`, `–`, `—`, `:`, `|`), the title.
 */
const chapterPattern = new RegExp(
  String.raw`^(?:[-*•·]\s+|\d{1,3}[.)]\s+)?[[(]?(${CLOCK_PATTERN})[\])]?\s*(?:[-–—:|]\s*)?(\S.*?)\s*$`,
  "u",
);
/** A heading or label that introduces a chapter list inside a longer file (`# 3. Chapters YouTube`, `Capitoli:`). */
const labelPattern = /^(?:#{1,6}\s.*\b(?:chapters?|capitoli)\b.*|\**(?:chapters?|capitoli|timestamps?)\**\s*:?\**)$/iu;
const fencePattern = /^(?:```|~~~)/;

/**
 * Reads a chapter list: one `MM:SS Title` or `H:MM:SS Title` per line, precisions mixed freely, with optional
 * bullets, brackets around the time, and a dash or colon before the title. When the text holds a heading or label
 * naming chapters (the "Chapters YouTube" block of a promo file, a `Capitoli:` line), only the list under the first
 * one is read, inside a code fence or not, up to its first line that is not a chapter; otherwise every non-empty line
 * must be a chapter (a leading `Chapters:` label and code fences are allowed).
 *
 * @throws TranscriptParseError naming the file and line of a line that is not a chapter, a time that goes backwards,
 * or a list with no chapter at all.
 */
export function parseChapters(text: string, options: ParseOptions = {}): Chapter[] {
  const file = options.file ?? UNNAMED_INPUT;
  const lines = splitLines(text);
  const labelIndex = lines.findIndex((line) => labelPattern.test(line.trim()));
  const chapters = labelIndex >= 0 ? readBlock(lines, labelIndex + 1, file) : readWholeList(lines, file);
  if (chapters.length === 0) {
    throw new TranscriptParseError({
      file,
      line: labelIndex >= 0 ? labelIndex + 1 : 1,
      expected: "at least one chapter line such as `00:00 Intro` or `1:02:03 Closing`",
      hint: labelIndex >= 0 ? "The list under this heading is empty." : "The file holds no chapter.",
    });
  }
  checkOrder(chapters, file);
  return chapters;
}

function readChapter(line: string, index: number): Chapter | undefined {
  const match = chapterPattern.exec(line.trim());
  if (!match) return undefined;
  const start = parseClock(match[1]!);
  if (start === undefined) return undefined;
  return { start, title: match[2]!, line: index + 1 };
}

/** The list under a label: skip blank lines and an opening fence, then read chapters up to the first other line. */
function readBlock(lines: string[], from: number, file: string): Chapter[] {
  const chapters: Chapter[] = [];
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === "" || (chapters.length === 0 && fencePattern.test(line))) continue;
    const chapter = readChapter(line, index);
    if (chapter) {
      chapters.push(chapter);
      continue;
    }
    if (chapters.length === 0) {
      throw new TranscriptParseError({
        file,
        line: index + 1,
        expected: "a chapter line such as `00:00 Intro` under the chapters heading",
        found: lines[index],
      });
    }
    break;
  }
  return chapters;
}

function readWholeList(lines: string[], file: string): Chapter[] {
  const chapters: Chapter[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || fencePattern.test(line)) return;
    const chapter = readChapter(line, index);
    if (chapter) {
      chapters.push(chapter);
      return;
    }
    throw new TranscriptParseError({
      file,
      line: index + 1,
      expected: "a chapter line such as `05:09 Title` or `1:09:25 Title`",
      found: raw,
      hint: "Times are MM:SS or H:MM:SS at the start of the line; put each chapter on its own line.",
    });
  });
  return chapters;
}

function checkOrder(chapters: Chapter[], file: string): void {
  for (let index = 1; index < chapters.length; index++) {
    const previous = chapters[index - 1]!;
    const chapter = chapters[index]!;
    if (chapter.start <= previous.start) {
      throw new TranscriptParseError({
        file,
        line: chapter.line!,
        expected: `a time after the previous chapter's (${formatClock(previous.start)}, line ${previous.line})`,
        found: `${formatClock(chapter.start)} ${chapter.title}`,
        hint: "Chapters must be listed in increasing time order.",
      });
    }
  }
}
