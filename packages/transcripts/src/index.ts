/**
 * `@trama/transcripts`: podcast transcripts fused into verbatim, speaker-attributed posts, and searched.
 * @module
 */
export type {
  Chapter,
  Episode,
  EpisodeMeta,
  Section,
  Segment,
  TimedWord,
  Transcript,
  TranscriptFormat,
  Turn,
} from "./model/transcript.js";
