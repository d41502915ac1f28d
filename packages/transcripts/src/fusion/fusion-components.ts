/**
 * The fusion as pipeline components: `MergeEpisode` does it all in one; the step components (`TransferSpeakers`,
 * `ApplyGlossary`, `CleanFillers`, `AssembleEpisode`, and the model steps in `model-components.ts`) pass the fused
 * words along so that a pipeline can add, drop or replace a step. Parameters are plain data: they save to YAML.
 * @module
 */
import { defineComponent, t } from "@trama/core";
import { chapterType, episodeType, transcriptType } from "../model/socket-types.js";
import type { Chapter, EpisodeMeta } from "../model/transcript.js";
import type { ChapterOptions } from "./chapters.js";
import { cleanFillers } from "./fillers.js";
import { applyGlossary, type GlossaryEntry, parseGlossary } from "./glossary.js";
import {
  assembleEpisode,
  episodeText,
  type FusedWords,
  type MergeOptions,
  type MergeReport,
  mergeEpisode,
} from "./merge-episode.js";
import { placeShortTurns, type ShortTurnOptions } from "./short-turns.js";
import { type TransferOptions, transferSpeakers } from "./speaker-transfer.js";
import type { TurnOptions } from "./turns.js";

/** The fused words and what each step did, passed from step to step. */
export const fusedWordsType = t.named<FusedWords>("FusedWords");
/** What the fusion did (`MergeReport`). */
export const mergeReportType = t.named<MergeReport>("MergeReport");
/** A glossary: its entries (`GlossaryEntry[]`). */
export const glossaryType = t.list(t.named<GlossaryEntry>("GlossaryEntry"));

const metaSocket = t.record(t.any).optional();
const chaptersSocket = t.list(chapterType).optional();

/** Parameters of `MergeEpisode`. */
export interface MergeEpisodeParams {
  /** The show's glossary; a `glossary` input adds to it. */
  glossary?: GlossaryEntry[];
  options?: MergeOptions;
}

/** `mergeEpisode` as a component: the sources, chapters and front matter in, the episode and the report out. */
export const MergeEpisode = defineComponent({
  type: "transcripts.MergeEpisode",
  inputs: {
    speakers: transcriptType,
    text: transcriptType.optional(),
    chapters: chaptersSocket,
    meta: metaSocket,
    glossary: glossaryType.optional(),
  },
  outputs: { episode: episodeType, report: mergeReportType },
  run: (inputs, { params }: { params: MergeEpisodeParams }) => {
    const { episode, report } = mergeEpisode({
      speakers: inputs.speakers,
      ...(inputs.text ? { text: inputs.text } : {}),
      chapters: inputs.chapters ?? [],
      meta: (inputs.meta ?? {}) as EpisodeMeta,
      glossary: [...(params.glossary ?? []), ...(inputs.glossary ?? [])],
      ...(params.options ? { options: params.options } : {}),
    });
    return { episode, report };
  },
});

/** Reads a glossary file's text (`parseGlossary`). */
export const GlossaryParser = defineComponent({
  type: "transcripts.GlossaryParser",
  inputs: { text: t.string, file: t.string.optional() },
  outputs: { glossary: glossaryType },
  run: ({ text, file }) => ({ glossary: parseGlossary(text, file === undefined ? {} : { file }) }),
});

/** Parameters of `TransferSpeakers`. */
export interface TransferSpeakersParams {
  transfer?: TransferOptions;
  shortTurns?: ShortTurnOptions;
}

/** Aligns the sources, gives every word a speaker, and makes short interjections turns of their own. */
export const TransferSpeakers = defineComponent({
  type: "transcripts.TransferSpeakers",
  inputs: { speakers: transcriptType, text: transcriptType.optional() },
  outputs: { fused: fusedWordsType },
  run: ({ speakers, text }, { params }: { params: TransferSpeakersParams }) => {
    const transfer = transferSpeakers({ text: text ?? speakers, speakers, options: params.transfer });
    const placed = placeShortTurns({
      words: transfer.words,
      shortTurns: transfer.shortTurns,
      speakerWords: transfer.speakerWords,
      options: params.shortTurns,
    });
    const fused: FusedWords = {
      words: placed.words,
      transfer,
      shortTurns: placed.placements,
      glossary: [],
      fillers: [],
    };
    return { fused };
  },
});

/** Applies the show's glossary where the evidence supports it; `meta` and `chapters` count as evidence. */
export const ApplyGlossary = defineComponent({
  type: "transcripts.ApplyGlossary",
  inputs: { fused: fusedWordsType, glossary: glossaryType.optional(), meta: metaSocket, chapters: chaptersSocket },
  outputs: { fused: fusedWordsType },
  run: (inputs, { params }: { params: { glossary?: GlossaryEntry[] } }) => {
    const { words, replacements } = applyGlossary({
      words: inputs.fused.words,
      glossary: [...(params.glossary ?? []), ...(inputs.glossary ?? [])],
      speakerWords: inputs.fused.transfer.speakerWords,
      episodeText: episodeText(inputs.meta as EpisodeMeta | undefined, inputs.chapters),
    });
    return { fused: { ...inputs.fused, words, glossary: [...inputs.fused.glossary, ...replacements] } };
  },
});

/** Removes hesitations, stutters, repeated pairs and cut-off words (`cleanFillers`). */
export const CleanFillers = defineComponent({
  type: "transcripts.CleanFillers",
  inputs: { fused: fusedWordsType },
  outputs: { fused: fusedWordsType },
  run: ({ fused }) => {
    const { words, removals } = cleanFillers(fused.words);
    return { fused: { ...fused, words, fillers: [...fused.fillers, ...removals] } };
  },
});

/** Parameters of `AssembleEpisode`. */
export interface AssembleEpisodeParams {
  chapters?: ChapterOptions;
  turns?: TurnOptions;
}

/** Places the chapters at sentence starts and builds the episode's sections and turns. */
export const AssembleEpisode = defineComponent({
  type: "transcripts.AssembleEpisode",
  inputs: { fused: fusedWordsType, chapters: chaptersSocket, meta: metaSocket },
  outputs: { episode: episodeType, report: mergeReportType },
  run: (inputs, { params }: { params: AssembleEpisodeParams }) => {
    const { episode, report } = assembleEpisode({
      fused: inputs.fused,
      chapters: (inputs.chapters ?? []) as Chapter[],
      meta: (inputs.meta ?? {}) as EpisodeMeta,
      options: params,
    });
    return { episode, report };
  },
});
