/**
 * The whole fusion: the accurate source's words, the speaker source's speakers and times, the hosts' chapters, the
 * show's glossary and filler cleanup, into an `Episode` the post renderer writes.
 * @module
 */
import type { Chapter, Episode, EpisodeMeta, Section, Transcript } from "../model/transcript.js";
import type { AlignStats } from "./align.js";
import { type ChapterOptions, type ChapterPlacement, placeChapters } from "./chapters.js";
import { cleanFillers, type FillerRemoval } from "./fillers.js";
import type { FusedWord } from "./fused-word.js";
import { applyGlossary, type GlossaryEntry, type GlossaryReplacement } from "./glossary.js";
import type { JargonFix } from "./llm-jargon.js";
import { placeShortTurns, type ShortTurnOptions, type ShortTurnPlacement } from "./short-turns.js";
import { type Transfer, type TransferOptions, transferSpeakers } from "./speaker-transfer.js";
import { buildTurns, type TurnOptions } from "./turns.js";

/** Options of every fusion step, all optional. */
export interface MergeOptions {
  transfer?: TransferOptions;
  shortTurns?: ShortTurnOptions;
  chapters?: ChapterOptions;
  turns?: TurnOptions;
  /** Remove hesitations, stutters, repeated pairs and cut-off words (`cleanFillers`). Default true. */
  fillers?: boolean;
}

/** What `mergeEpisode` fuses. */
export interface MergeInput {
  /** The source with speakers and times (the recording tool's export). */
  speakers: Transcript;
  /** The source with the right words (captions, any format). Without it, the speaker source's words are used. */
  text?: Transcript;
  /** The hosts' chapter list; without it the episode is one section. */
  chapters?: readonly Chapter[];
  /** Front matter of the post. */
  meta?: EpisodeMeta;
  /** The show's glossary (`parseGlossary`), applied where the evidence supports it. */
  glossary?: readonly GlossaryEntry[];
  options?: MergeOptions;
}

/** What the fusion did, for diagnostics and the evaluation. */
export interface MergeReport {
  /** Words in the fused transcript, and how many the speaker source restored (dropped interjections). */
  words: number;
  restoredWords: number;
  /** Share of the accurate source's words the speaker source has at the aligned place (same key). */
  agreement: number;
  alignment: AlignStats;
  shortTurns: ShortTurnPlacement[];
  chapters: ChapterPlacement[];
  glossary: GlossaryReplacement[];
  fillers: FillerRemoval[];
  /** The model's jargon fixes, accepted and rejected (`mergeEpisodeWithModel` only). */
  jargon?: JargonFix[];
  /** How many chapter titles the model gave, of how many chapters (`mergeEpisodeWithModel` without a list only). */
  titles?: { titled: number; chapters: number };
}

/** The fused episode, its words with their evidence, and the report. */
export interface MergeResult {
  episode: Episode;
  words: FusedWord[];
  report: MergeReport;
}

/** The fused words before chapters and turns, and what each step did. */
export interface FusedWords {
  words: FusedWord[];
  transfer: Transfer;
  shortTurns: ShortTurnPlacement[];
  glossary: GlossaryReplacement[];
  fillers: FillerRemoval[];
  /** The model's jargon fixes, when a model step ran. */
  jargon?: JargonFix[];
}

/**
 * Fuses the sources into an episode: words from `text`, speakers (and times where `text` has none) from `speakers`
 * by word alignment, short interjections as turns of their own, the glossary where the evidence supports it, fillers
 * removed, chapters at sentence starts near their listed times (with the listed times). Deterministic: the same inputs
 * give the same episode.
 */
export function mergeEpisode(input: MergeInput): MergeResult {
  return assembleEpisode({
    fused: fuseWords(input),
    chapters: input.chapters ?? [],
    meta: input.meta,
    options: input.options,
  });
}

/** The word-level steps of the fusion: speaker transfer, short turns, glossary, fillers. */
export function fuseWords(input: MergeInput): FusedWords {
  const options = input.options ?? {};
  const transfer = transferSpeakers({
    text: input.text ?? input.speakers,
    speakers: input.speakers,
    options: options.transfer,
  });
  const placed = placeShortTurns({
    words: transfer.words,
    shortTurns: transfer.shortTurns,
    speakerWords: transfer.speakerWords,
    options: options.shortTurns,
  });
  const corrected = applyGlossary({
    words: placed.words,
    glossary: input.glossary ?? [],
    speakerWords: transfer.speakerWords,
    episodeText: episodeText(input.meta, input.chapters),
  });
  const cleaned = options.fillers === false ? { words: corrected.words, removals: [] } : cleanFillers(corrected.words);
  return {
    words: cleaned.words,
    transfer,
    shortTurns: placed.placements,
    glossary: corrected.replacements,
    fillers: cleaned.removals,
  };
}

/** Places the chapters and builds the episode and the report from fused words. */
export function assembleEpisode(input: {
  fused: FusedWords;
  chapters: readonly Chapter[];
  meta?: EpisodeMeta;
  options?: MergeOptions;
}): MergeResult {
  const { fused } = input;
  const words = fused.words;
  const chapters = placeChapters({ words, chapters: input.chapters, options: input.options?.chapters });
  const episode: Episode = {
    meta: { ...(input.meta ?? {}) },
    sections: sectionsOf(words, chapters, input.options?.turns),
  };
  const transferred = fused.transfer.words;
  const agreed = transferred.filter((word) => word.similarity === 1).length;
  return {
    episode,
    words,
    report: {
      words: words.length,
      restoredWords: words.filter((word) => word.origin === "speakers").length,
      agreement: transferred.length ? agreed / transferred.length : 0,
      alignment: fused.transfer.alignment.stats,
      shortTurns: fused.shortTurns,
      chapters,
      glossary: fused.glossary,
      fillers: fused.fillers,
      ...(fused.jargon ? { jargon: fused.jargon } : {}),
    },
  };
}

/** What the episode says of itself, where a glossary term's mention is evidence: title, description, tags, chapters. */
export function episodeText(meta: EpisodeMeta | undefined, chapters: readonly Chapter[] | undefined): string {
  const tags = Array.isArray(meta?.tags) ? meta.tags.join(" ") : "";
  return [meta?.title ?? "", meta?.description ?? "", tags, ...(chapters ?? []).map((chapter) => chapter.title)].join(
    " ",
  );
}

/** Sections from the chapter placements: text before the first chapter is an untitled section without a time. */
function sectionsOf(
  words: readonly FusedWord[],
  chapters: readonly ChapterPlacement[],
  options?: TurnOptions,
): Section[] {
  if (words.length === 0) return [];
  const sections: Section[] = [];
  const firstWord = chapters[0]?.word ?? words.length;
  if (firstWord > 0) sections.push({ title: "", turns: buildTurns(words.slice(0, firstWord), options) });
  chapters.forEach((placement, index) => {
    const end = chapters[index + 1]?.word ?? words.length;
    sections.push({
      title: placement.chapter.title,
      start: placement.chapter.start,
      turns: buildTurns(words.slice(placement.word, end), options),
    });
  });
  return sections;
}
