/**
 * The naive baseline the evaluation prints beside the fusion: every caption word takes the speaker of the speaker
 * source's turn that started last before the word's time (no word alignment, no interjection handling), and every
 * chapter starts at the word nearest its listed time. Captions without times are spread evenly over the episode.
 * @module
 */

import { sourceWords } from "../fusion/source-words.js";
import type { Chapter, Transcript } from "../model/transcript.js";
import type { EvaluatedOutput } from "./metrics.js";

/** The baseline's output for the same inputs as the fusion. */
export function naiveMerge(input: {
  speakers: Transcript;
  text: Transcript;
  chapters: readonly Chapter[];
}): EvaluatedOutput {
  const turns = input.speakers.segments
    .filter((segment) => segment.start !== undefined)
    .map((segment) => ({ start: segment.start!, speaker: segment.speaker ?? "" }))
    .sort((first, second) => first.start - second.start);
  const words = sourceWords(input.text).words;
  const last = turns[turns.length - 1]?.start ?? 0;
  const times = words.map((word, index) => word.start ?? (last * index) / Math.max(1, words.length));
  let turn = 0;
  const output = words.map((word, index) => {
    const time = times[index]!;
    while (turn + 1 < turns.length && turns[turn + 1]!.start <= time) turn++;
    return { text: word.text, speaker: turns[turn]?.speaker ?? "", start: time };
  });
  const chapterWords = input.chapters.map((chapter) => {
    let best = -1;
    output.forEach((word, index) => {
      if (best < 0 || Math.abs(word.start - chapter.start) < Math.abs(output[best]!.start - chapter.start))
        best = index;
    });
    return best;
  });
  return { words: output, chapterWords };
}
