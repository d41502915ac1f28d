/**
 * The glossary on real data: ep49's recording-tool export fused alone (its words, its mistakes), with and without a
 * small show glossary, each aligned word for word to the published post, which has the terms right. Counts, for the
 * glossary's terms: words the post has as the term that the output has right, replacements where the post has
 * something else, and the heard forms left where the post has the term.
 * @module
 */
import { alignSequences } from "../fusion/align.js";
import type { FusedWord } from "../fusion/fused-word.js";
import type { GlossaryEntry } from "../fusion/glossary.js";
import { mergeEpisode } from "../fusion/merge-episode.js";
import { textKeys } from "../fusion/normalize.js";
import type { Chapter, EpisodeMeta, Transcript } from "../model/transcript.js";
import type { TruthEpisode } from "./truth.js";

/** The show's glossary as the evaluation uses it: the mistakes the data README names, and the Anthropic variants. */
export const SHOW_GLOSSARY: GlossaryEntry[] = [
  { heard: "carpati", term: "Karpathy" },
  {
    heard: "cloud",
    term: "Claude",
    context: ["code", "anthropic", "antropic", "opus", "sonnet", "haiku", "modello", "modelli", "gpt", "gemini", "llm"],
  },
  { heard: "antropica", term: "Anthropic" },
  { heard: "antropic", term: "Anthropic" },
];

/** Term counts of one fusion against the post. */
export interface TermCounts {
  /** The post has the term, and so does the output at that place. */
  right: number;
  /** The output has the term where the post has another word. */
  wrong: number;
  /** The post has the term where the output has a heard form. */
  missed: number;
}

/** Fuses the speaker source alone with and without the glossary and counts the terms against the post. */
export function checkGlossary(input: {
  speakers: Transcript;
  truth: TruthEpisode;
  chapters: readonly Chapter[];
  meta: EpisodeMeta;
}): { without: TermCounts; with: TermCounts; replacements: number } {
  const fuse = (glossary: GlossaryEntry[]) =>
    mergeEpisode({ speakers: input.speakers, chapters: input.chapters, meta: input.meta, glossary });
  const plain = fuse([]);
  const corrected = fuse(SHOW_GLOSSARY);
  return {
    without: countTerms(plain.words, input.truth),
    with: countTerms(corrected.words, input.truth),
    replacements: corrected.report.glossary.length,
  };
}

function countTerms(words: readonly FusedWord[], truth: TruthEpisode): TermCounts {
  const terms = new Set(SHOW_GLOSSARY.map((entry) => textKeys(entry.term).join(" ")));
  const heard = new Set(SHOW_GLOSSARY.map((entry) => textKeys(entry.heard).join(" ")));
  const outputKeys = words.map((word) => word.keys.join(" "));
  const postKeys = truth.words.map((word) => textKeys(word.text).join(" "));
  // One key per word on both sides, so that the alignment pairs words.
  const { leftToRight } = alignSequences({ left: outputKeys, right: postKeys });
  const counts: TermCounts = { right: 0, wrong: 0, missed: 0 };
  leftToRight.forEach((postWord, outputWord) => {
    if (postWord < 0) return;
    const said = outputKeys[outputWord]!;
    const written = postKeys[postWord]!;
    if (terms.has(written) && said === written) counts.right++;
    else if (terms.has(said) && said !== written) counts.wrong++;
    else if (terms.has(written) && heard.has(said)) counts.missed++;
  });
  return counts;
}
