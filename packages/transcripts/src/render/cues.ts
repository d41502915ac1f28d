import { hasMarker, TramaError } from "@trama/core";
import type { Episode, TimedWord, Turn } from "../model/transcript.js";

const marker = Symbol.for("trama.error.TranscriptRenderError");

/** An episode cannot be written in the asked format, e.g. timed captions from an episode without any time. */
export class TranscriptRenderError extends TramaError {
  readonly [marker] = true;
  static override isInstance(error: unknown): error is TranscriptRenderError {
    return hasMarker(error, marker);
  }
}

/** One caption cue: a speaker's words over a span of time. */
export interface Cue {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

/** Limits of a cue. */
export interface CueOptions {
  /** Longest cue, in seconds. Default 7. */
  maxSeconds?: number;
  /** Most characters in a cue (two caption lines of 42). Default 84. */
  maxCharacters?: number;
}

/** Speech rate assumed where a turn's end is unknown: about 15 characters a second. */
const CHARACTERS_PER_SECOND = 15;

/**
 * Cuts an episode's turns into caption cues: each cue holds one speaker's consecutive words, at most `maxSeconds`
 * long and `maxCharacters` wide, ending after a sentence when one ends past half the width. Word times come from the
 * turn's `words` where they are timed; the others are placed between the nearest known times in proportion to their
 * length, a turn without words of its own times spanning from its start to its end (or the next turn's start).
 *
 * @throws TranscriptRenderError when the episode has no time at all.
 */
export function episodeCues(episode: Episode, options: CueOptions = {}): Cue[] {
  const maxSeconds = options.maxSeconds ?? 7;
  const maxCharacters = options.maxCharacters ?? 84;
  const turns = episode.sections.flatMap((section) => section.turns).filter((turn) => turn.paragraphs.length > 0);
  const starts = turns.map(turnStart);
  if (starts.every((start) => start === undefined)) {
    throw new TranscriptRenderError(
      "The episode has no times (no turn has a start, no word a time), so it cannot be written as timed captions. Merge it from a timed source first.",
    );
  }
  const cues: Cue[] = [];
  let previousEnd = 0;
  turns.forEach((turn, index) => {
    const start = starts[index] ?? previousEnd;
    const nextStart = starts.slice(index + 1).find((value) => value !== undefined);
    const words = timedWords(turn, start, nextStart);
    cues.push(...packCues(turn.speaker, words, { maxSeconds, maxCharacters }));
    previousEnd = words.at(-1)?.end ?? start;
  });
  // WebVTT wants cues in start order; an interjection can start before the end of the turn it interrupted.
  return cues.sort((first, second) => first.start - second.start);
}

function turnStart(turn: Turn): number | undefined {
  return turn.start ?? turn.words?.find((word) => word.start !== undefined)?.start;
}

/** The turn's words, each with a start and an end. */
function timedWords(turn: Turn, start: number, nextStart: number | undefined): Array<Required<TimedWord>> {
  const source: TimedWord[] =
    turn.words && turn.words.length > 0
      ? turn.words
      : turn.paragraphs.flatMap((paragraph) => paragraph.split(/\s+/).filter(Boolean)).map((text) => ({ text }));
  const length = source.reduce((sum, word) => sum + word.text.length + 1, 0);
  const end = Math.max(
    start,
    turn.end ??
      source.at(-1)?.end ??
      Math.min(nextStart ?? Number.POSITIVE_INFINITY, start + length / CHARACTERS_PER_SECOND),
  );
  // Anchors: known word starts, plus the turn's bounds, as (character offset, time).
  const anchors: Array<[number, number]> = [[0, start]];
  let offset = 0;
  for (const word of source) {
    if (word.start !== undefined && word.start >= anchors.at(-1)![1]) anchors.push([offset, word.start]);
    offset += word.text.length + 1;
  }
  anchors.push([offset, Math.max(end, anchors.at(-1)![1])]);
  const timeAt = (position: number): number => {
    const after = anchors.findIndex(([at]) => at >= position);
    if (after <= 0) return anchors[0]![1];
    const [fromAt, fromTime] = anchors[after - 1]!;
    const [toAt, toTime] = anchors[after]!;
    return toAt === fromAt ? toTime : fromTime + ((toTime - fromTime) * (position - fromAt)) / (toAt - fromAt);
  };
  offset = 0;
  const words = source.map((word) => {
    const timed = { text: word.text, start: word.start ?? timeAt(offset), end: 0, speaker: turn.speaker };
    offset += word.text.length + 1;
    return timed;
  });
  words.forEach((word, index) => {
    word.end = Math.max(word.start, source[index]!.end ?? words[index + 1]?.start ?? end);
  });
  return words;
}

function packCues(
  speaker: string,
  words: Array<Required<TimedWord>>,
  limits: { maxSeconds: number; maxCharacters: number },
): Cue[] {
  const cues: Cue[] = [];
  let current: Array<Required<TimedWord>> = [];
  const flush = () => {
    if (current.length === 0) return;
    const start = current[0]!.start;
    cues.push({
      speaker,
      start,
      end: Math.min(current.at(-1)!.end, start + limits.maxSeconds),
      text: current.map((word) => word.text).join(" "),
    });
    current = [];
  };
  for (const word of words) {
    const width = current.reduce((sum, item) => sum + item.text.length + 1, 0) + word.text.length;
    const tooLong =
      current.length > 0 && (width > limits.maxCharacters || word.end - current[0]!.start > limits.maxSeconds);
    if (tooLong) flush();
    current.push(word);
    const used = current.reduce((sum, item) => sum + item.text.length + 1, 0);
    if (/[.?!…]["»”']?$/.test(word.text) && used >= limits.maxCharacters / 2) flush();
  }
  flush();
  return cues;
}
