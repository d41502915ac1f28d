import type { Segment, TimedWord } from "../model/transcript.js";
import { collapse, decodeEntities, plainCueText, stripMarkup } from "./caption-text.js";
import { parseClock } from "./clock.js";
import type { VttCue } from "./vtt.js";

const inlineTimestampPattern = /<((?:\d+:)?\d{2}:\d{2}\.\d{3})>/g;

/** True when a payload line times its words inline (`word<00:00:01.000><c> next</c>`). */
export function hasInlineTimestamps(line: string): boolean {
  return /<(?:\d+:)?\d{2}:\d{2}\.\d{3}>/.test(line);
}

/**
 * YouTube's rolling auto-captions as segments, each word once. Every cue shows the previous caption line again above
 * the new one, and a 10 ms cue between them repeats the finished line; naive parsers print each line two or three
 * times. Here a line with inline timestamps is always new (its words are read with their times: the first at the
 * cue's start, each later one at the timestamp before it); a line without them is new only when it is not one of the
 * lines the previous cue showed.
 */
export function rollingCaptionSegments(cues: readonly VttCue[]): Segment[] {
  const segments: Segment[] = [];
  let shown: string[] = [];
  for (const cue of cues) {
    const lines = cue.payload.filter((line) => line.trim() !== "");
    for (const line of lines) {
      if (hasInlineTimestamps(line)) {
        const words = timedWords(line, cue);
        if (words.length > 0) {
          segments.push({
            text: words.map((word) => word.text).join(" "),
            start: words[0]!.start!,
            end: cue.end,
            line: cue.line,
            words,
          });
        }
        continue;
      }
      const text = plainCueText([line]);
      if (text !== "" && !shown.includes(text)) {
        segments.push({ text, start: cue.start, end: cue.end, line: cue.line });
      }
    }
    shown = lines.map((line) => plainCueText([line]));
  }
  return segments;
}

/** The words of a line with inline timestamps; each word ends where the next starts, the last at the cue's end. */
function timedWords(line: string, cue: VttCue): TimedWord[] {
  const words: TimedWord[] = [];
  let start = cue.start;
  let from = 0;
  const take = (until: number) => {
    for (const text of collapse(decodeEntities(stripMarkup(line.slice(from, until)))).split(" ")) {
      if (text !== "") words.push({ text, start });
    }
  };
  for (const match of line.matchAll(inlineTimestampPattern)) {
    take(match.index);
    start = parseClock(match[1]!) ?? start;
    from = match.index + match[0].length;
  }
  take(line.length);
  words.forEach((word, index) => {
    word.end = words[index + 1]?.start ?? Math.max(cue.end, word.start!);
  });
  return words;
}
