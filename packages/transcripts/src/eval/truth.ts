/**
 * The ground truth the evaluation measures against: a published post as a flat list of words, each with its speaker,
 * turn, chapter and an estimated time. Posts give chapter times only, so words are spread over their chapter's time
 * span by length, which is what a steady speaker does; the harness measures times against this same estimate.
 * @module
 */

import { endsSentence, wordKeys } from "../fusion/normalize.js";
import type { Episode } from "../model/transcript.js";

/** One word of the truth. */
export interface TruthWord {
  text: string;
  speaker: string;
  /** Index into `TruthEpisode.turns`. */
  turn: number;
  /** Index into `TruthEpisode.chapters`. */
  chapter: number;
  /** Seconds from the start. */
  time: number;
  /** First word of a turn, or after a word that ends a sentence. */
  sentenceStart: boolean;
}

/** A turn of the truth: `words[first … end - 1]`, said by `speaker`. */
export interface TruthTurn {
  speaker: string;
  first: number;
  end: number;
}

/** A chapter of the truth: its title, its time in the post, and the index of its first word. */
export interface TruthChapter {
  title: string;
  time: number;
  word: number;
}

/** A post flattened into words with speakers and times. */
export interface TruthEpisode {
  words: TruthWord[];
  turns: TruthTurn[];
  chapters: TruthChapter[];
  /** Seconds. */
  duration: number;
}

/** Speech rate assumed after the last chapter when the post gives no duration. */
const WORDS_PER_SECOND = 2.6;

/**
 * Flattens a post read back into an `Episode`. Returns undefined when the post cannot serve as truth: a chapter
 * without a time, times that do not increase, or no words.
 */
export function truthFromEpisode(episode: Episode): TruthEpisode | undefined {
  const words: TruthWord[] = [];
  const turns: TruthTurn[] = [];
  const chapters: TruthChapter[] = [];
  for (const section of episode.sections) {
    if (section.turns.length === 0) continue;
    if (section.start === undefined) return undefined;
    const previous = chapters[chapters.length - 1];
    if (previous && section.start <= previous.time) return undefined;
    chapters.push({ title: section.title, time: section.start, word: words.length });
    for (const turn of section.turns) {
      const first = words.length;
      for (const paragraph of turn.paragraphs) {
        for (const text of paragraph.split(/\s+/)) {
          if (wordKeys(text).length === 0) continue;
          const before = words[words.length - 1];
          words.push({
            text,
            speaker: turn.speaker,
            turn: turns.length,
            chapter: chapters.length - 1,
            time: 0,
            sentenceStart: words.length === first || (before !== undefined && endsSentence(before.text)),
          });
        }
      }
      if (words.length > first) turns.push({ speaker: turn.speaker, first, end: words.length });
    }
  }
  if (words.length === 0 || chapters.length === 0) return undefined;
  const lastChapter = chapters[chapters.length - 1]!;
  const declared = parseDuration(episode.meta.duration);
  const spoken = lastChapter.time + (words.length - lastChapter.word) / WORDS_PER_SECOND;
  const duration = declared !== undefined && declared > lastChapter.time ? declared : spoken;
  chapters.forEach((chapter, index) => {
    const next = chapters[index + 1];
    spreadTimes(words, chapter.word, next?.word ?? words.length, chapter.time, next?.time ?? duration);
  });
  return { words, turns, chapters, duration };
}

function spreadTimes(words: TruthWord[], first: number, end: number, start: number, stop: number): void {
  let total = 0;
  for (let index = first; index < end; index++) total += words[index]!.text.length + 1;
  let elapsed = 0;
  for (let index = first; index < end; index++) {
    words[index]!.time = start + ((stop - start) * elapsed) / total;
    elapsed += words[index]!.text.length + 1;
  }
}

/** Seconds of an ISO 8601 duration such as `PT1H10M28S`; undefined when absent or malformed. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value.trim());
  if (!match || value.trim() === "PT") return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
