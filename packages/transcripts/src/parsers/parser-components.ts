import { defineComponent, PipelineDefinitionError, t } from "@trama/core";
import { chapterType, transcriptType } from "../model/socket-types.js";
import type { TranscriptFormat } from "../model/transcript.js";
import { parseChapters } from "./chapters.js";
import { parseTranscript, transcriptParsers } from "./parse-transcript.js";

/** Parameters of `TranscriptParser`. */
export interface TranscriptParserParams {
  /** The format of every text it reads; guessed per text from its content and file name when absent. */
  format?: TranscriptFormat;
}

/**
 * Parses a source transcript (the recording tool's export, `.sbv`, WebVTT, SRT, json3, the YouTube transcript paste,
 * plain text) into a `Transcript`: `parseTranscript` as a component. The optional `file` input names the file in
 * errors and helps guess the format.
 */
export const TranscriptParser = defineComponent({
  type: "transcripts.TranscriptParser",
  state: (params: TranscriptParserParams) => {
    if (params.format !== undefined && !Object.hasOwn(transcriptParsers, params.format)) {
      throw new PipelineDefinitionError(
        `TranscriptParser: unknown format '${params.format}'; use one of ${Object.keys(transcriptParsers).join(", ")}, or leave it out to guess.`,
      );
    }
    return undefined;
  },
  inputs: { text: t.string, file: t.string.optional() },
  outputs: { transcript: transcriptType },
  run: ({ text, file }, { params }) => ({
    transcript: parseTranscript(text, {
      ...(file === undefined ? {} : { file }),
      ...(params.format === undefined ? {} : { format: params.format }),
    }),
  }),
});

/** Parses the hosts' chapter list (or the Chapters block of a promo file): `parseChapters` as a component. */
export const ChapterListParser = defineComponent({
  type: "transcripts.ChapterListParser",
  inputs: { text: t.string, file: t.string.optional() },
  outputs: { chapters: t.list(chapterType) },
  run: ({ text, file }) => ({ chapters: parseChapters(text, file === undefined ? {} : { file }) }),
});
