/**
 * The accurate source the evaluation feeds the fusion: the truth's words as captions have them, without speakers, with
 * short interjections dropped or moved a few words later as crosstalk does, cut into cues of a few seconds.
 * @module
 */
import { type CaptionVariant, type Cue, isAutoCaption, writeCaptions } from "./caption-writers.js";
import type { Random } from "./random.js";
import { interjectionGroups } from "./speaker-source.js";
import type { TruthEpisode } from "./truth.js";

/** What crosstalk did to the interjections, for the report. */
export interface CrosstalkCounts {
  kept: number;
  moved: number;
  dropped: number;
}

/** How often crosstalk drops or moves an interjection in the captions. */
export interface CrosstalkOptions {
  dropped?: number;
  moved?: number;
}

/**
 * The caption words in order, with their times: each interjection turn is kept, dropped (probability `dropped`,
 * default 0.2) or moved after the next one to six words (probability `moved`, default 0.3), taking the time of
 * the place it lands.
 */
export function captionWords(options: { truth: TruthEpisode; random: Random } & CrosstalkOptions): {
  words: Array<{ text: string; time: number }>;
  counts: CrosstalkCounts;
} {
  const { truth, random } = options;
  const fate = new Map<number, "dropped" | number>();
  const counts: CrosstalkCounts = { kept: 0, moved: 0, dropped: 0 };
  for (const group of interjectionGroups(truth)) {
    for (let turn = group.first; turn < group.end; turn++) {
      const draw = random.next();
      if (draw < (options.dropped ?? 0.2)) {
        fate.set(turn, "dropped");
        counts.dropped++;
      } else if (draw < (options.dropped ?? 0.2) + (options.moved ?? 0.3)) {
        fate.set(turn, random.integer(1, 6));
        counts.moved++;
      } else counts.kept++;
    }
  }
  const words: Array<{ text: string; time: number }> = [];
  // Words held back by a moved interjection, with how many words must pass before they are written.
  const held: Array<{ texts: string[]; after: number }> = [];
  truth.turns.forEach((turn, index) => {
    const what = fate.get(index);
    const texts = truth.words.slice(turn.first, turn.end).map((word) => word.text);
    if (what === "dropped") return;
    if (typeof what === "number") {
      held.push({ texts, after: what });
      return;
    }
    for (let at = turn.first; at < turn.end; at++) {
      const word = truth.words[at]!;
      words.push({ text: word.text, time: word.time });
      for (const entry of held) entry.after--;
      while (held.length && held[0]!.after <= 0) {
        for (const text of held.shift()!.texts) words.push({ text, time: word.time });
      }
    }
  });
  for (const entry of held) for (const text of entry.texts) words.push({ text, time: truth.duration });
  return { words, counts };
}

/** Cues of 5 to 12 words, each ending where the next begins. */
export function cuesOf(words: ReadonlyArray<{ text: string; time: number }>, random: Random): Cue[] {
  const cues: Cue[] = [];
  for (let index = 0; index < words.length; ) {
    const length = random.integer(5, 12);
    const slice = words.slice(index, index + length);
    index += length;
    const next = words[index];
    const last = slice[slice.length - 1]!;
    cues.push({
      start: slice[0]!.time,
      end: Math.max(next ? next.time : last.time + 0.6, slice[0]!.time + 0.2),
      words: slice,
    });
  }
  return cues;
}

/** Lower case and no punctuation, as machine captions write. */
function machineWords(words: ReadonlyArray<{ text: string; time: number }>) {
  return words
    .map((word) => ({
      text: word.text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""),
      time: word.time,
    }))
    .filter((word) => word.text !== "");
}

/** The accurate source as a file of the given variant, and what crosstalk did. */
export function writeAccurateSource(
  options: { truth: TruthEpisode; variant: CaptionVariant; random: Random } & CrosstalkOptions,
): { text: string; counts: CrosstalkCounts } {
  const { words, counts } = captionWords(options);
  const shaped = isAutoCaption(options.variant) ? machineWords(words) : words;
  return { text: writeCaptions(options.variant, cuesOf(shaped, options.random)), counts };
}
