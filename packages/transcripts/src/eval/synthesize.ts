/**
 * Synthetic inputs for one truth: the speaker source, the accurate source in one caption variant, and the chapter
 * list with times shifted, all seeded.
 * @module
 */
import { formatClock } from "../parsers/clock.js";
import { type CrosstalkCounts, type CrosstalkOptions, writeAccurateSource } from "./accurate-source.js";
import type { CaptionVariant } from "./caption-writers.js";
import { Random, seedFrom } from "./random.js";
import { writeSpeakerSource } from "./speaker-source.js";
import type { TruthEpisode } from "./truth.js";

/** The three files the fusion is given, as text. */
export interface SynthesizedInputs {
  /** The recording tool's export. */
  speakers: string;
  /** The captions, in `variant`. */
  text: string;
  /** `MM:SS Title` lines. */
  chapters: string;
  counts: CrosstalkCounts;
}

/** How one case of the evaluation is made. */
export interface SynthesisOptions extends CrosstalkOptions {
  truth: TruthEpisode;
  /** Names the truth in the seed, so each post gets its own errors. */
  name: string;
  /** Word error rate of the speaker source: 0.08, 0.15, 0.25. */
  rate: number;
  variant: CaptionVariant;
  /** Largest chapter time shift either way, in seconds. Default 15. */
  chapterShift?: number;
}

/**
 * Synthesizes the inputs. The speaker source depends on the post and the rate only, so every caption variant of one
 * rate is fused with the same speaker source; the captions depend on the post and the variant.
 */
export function synthesizeInputs(options: SynthesisOptions): SynthesizedInputs {
  const { truth, name, rate, variant } = options;
  const speakers = writeSpeakerSource({ truth, rate, random: new Random(seedFrom(name, Math.round(rate * 1000))) });
  const captionRandom = new Random(seedFrom(`${name}:${variant}`, 7));
  const { text, counts } = writeAccurateSource({ ...options, truth, variant, random: captionRandom });
  return {
    speakers,
    text,
    chapters: shiftedChapters(truth, options.chapterShift ?? 15, new Random(seedFrom(name, 3))),
    counts,
  };
}

/** The truth's chapters with each time moved by up to `shift` seconds either way; a chapter at 00:00 stays there. */
function shiftedChapters(truth: TruthEpisode, shift: number, random: Random): string {
  let previous = -1;
  return truth.chapters
    .map((chapter) => {
      let time = chapter.time === 0 ? 0 : Math.max(0, chapter.time + random.between(-shift, shift));
      if (time <= previous) time = previous + 1;
      previous = time;
      return `${formatClock(time)} ${chapter.title}`;
    })
    .join("\n")
    .concat("\n");
}
