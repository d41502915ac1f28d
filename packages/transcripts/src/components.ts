import type { ComponentType } from "@trama/core";
import { ChapterListParser, TranscriptParser } from "./parsers/parser-components.js";
import { PostReader } from "./post/post-reader-component.js";
import { EpisodeRenderer } from "./render/episode-renderer.js";
import { PostValidator } from "./validate/post-validator-component.js";

/** The component types `@trama/transcripts` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [
  ChapterListParser,
  EpisodeRenderer,
  PostReader,
  PostValidator,
  TranscriptParser,
];
