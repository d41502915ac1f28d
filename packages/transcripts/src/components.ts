import type { ComponentType } from "@trama/core";
import {
  ApplyGlossary,
  AssembleEpisode,
  CleanFillers,
  GlossaryParser,
  MergeEpisode,
  TransferSpeakers,
} from "./fusion/fusion-components.js";
import { FixJargon, TitleChapters } from "./fusion/model-components.js";
import { ChapterListParser, TranscriptParser } from "./parsers/parser-components.js";
import { PostReader } from "./post/post-reader-component.js";
import { EpisodeRenderer } from "./render/episode-renderer.js";
import { ExpandQuery, PostToDocuments } from "./search/search-components.js";
import { PostValidator } from "./validate/post-validator-component.js";

/** The component types `@trama/transcripts` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [
  ChapterListParser,
  EpisodeRenderer,
  PostReader,
  PostValidator,
  TranscriptParser,
  // Fusion.
  ApplyGlossary,
  AssembleEpisode,
  CleanFillers,
  FixJargon,
  GlossaryParser,
  MergeEpisode,
  TitleChapters,
  TransferSpeakers,
  // Search.
  ExpandQuery,
  PostToDocuments,
];
