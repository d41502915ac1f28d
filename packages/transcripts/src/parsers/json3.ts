import type { Segment, TimedWord, Transcript } from "../model/transcript.js";
import { collapse, decodeEntities } from "./caption-text.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, UNNAMED_INPUT } from "./text-lines.js";

/** The parts of a YouTube timedtext json3 event the parser reads. */
interface Json3Event {
  tStartMs?: number;
  dDurationMs?: number;
  aAppend?: number;
  segs?: Array<{ utf8?: string; tOffsetMs?: number }>;
}

/**
 * Reads YouTube's timedtext json3 (`{ events: [{ tStartMs, dDurationMs, segs: [{ utf8, tOffsetMs }] }] }`). Each event
 * with words becomes a segment from `tStartMs` for `dDurationMs`; when its pieces carry `tOffsetMs` (auto-captions),
 * each word gets its own time in `words`. Window-definition events (no `segs`) and append events holding only a
 * newline are skipped. A segment's `line` is the line of its event's `tStartMs` in the file.
 *
 * @throws TranscriptParseError naming the file and line when the text is not JSON, has no `events` list, or an event
 * has no start time.
 */
export function parseJson3(text: string, options: ParseOptions = {}): Transcript {
  const file = options.file ?? UNNAMED_INPUT;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const data = readJson(body, file) as { events?: unknown };
  if (typeof data !== "object" || data === null || !Array.isArray(data.events)) {
    throw new TranscriptParseError({
      file,
      line: 1,
      expected: 'a YouTube json3 object with an "events" list',
      hint: "Download captions with fmt=json3.",
    });
  }
  const eventLines = lineOfEachEvent(body);
  const segments: Segment[] = [];
  (data.events as Json3Event[]).forEach((event, index) => {
    if (!event || !Array.isArray(event.segs)) return;
    const line = eventLines[index] ?? 1;
    if (typeof event.tStartMs !== "number") {
      throw new TranscriptParseError({ file, line, expected: 'an event with a numeric "tStartMs"' });
    }
    const start = event.tStartMs / 1000;
    const end = (event.tStartMs + (event.dDurationMs ?? 0)) / 1000;
    const words = eventWords(event);
    if (words.length === 0) return;
    const timed = event.segs.some((seg) => typeof seg.tOffsetMs === "number");
    segments.push({
      text: words.map((word) => word.text).join(" "),
      start,
      end,
      line,
      ...(timed ? { words: withEnds(words, end) } : {}),
    });
  });
  return { format: "json3", ...(options.file === undefined ? {} : { file: options.file }), segments };
}

function eventWords(event: Json3Event): TimedWord[] {
  const words: TimedWord[] = [];
  for (const seg of event.segs ?? []) {
    const time = ((event.tStartMs ?? 0) + (seg.tOffsetMs ?? 0)) / 1000;
    for (const word of collapse(decodeEntities(seg.utf8 ?? "")).split(" ")) {
      if (word !== "") words.push({ text: word, start: time });
    }
  }
  return words;
}

function withEnds(words: TimedWord[], end: number): TimedWord[] {
  return words.map((word, index) => ({ ...word, end: words[index + 1]?.start ?? Math.max(end, word.start!) }));
}

function readJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : 1;
    throw new TranscriptParseError(
      { file, line, expected: "valid JSON", hint: `The JSON parser says: ${(error as Error).message}` },
      { cause: error },
    );
  }
}

/** The line of each event object: the line of the n-th `"tStartMs"` key, which every event has. */
function lineOfEachEvent(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const match of text.matchAll(/"tStartMs"/g)) {
    for (let index = from; index < match.index; index++) if (text.charCodeAt(index) === 10) line++;
    from = match.index;
    lines.push(line);
  }
  return lines;
}
