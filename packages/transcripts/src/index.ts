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
// Formats: parsers, post reader.
export { parseChapters } from "./parsers/chapters.js";
export { formatClock, parseClock } from "./parsers/clock.js";
export { type ParseErrorLocation, TranscriptParseError } from "./parsers/parse-error.js";
export { parseRiverside } from "./parsers/riverside.js";
export type { ParseOptions } from "./parsers/text-lines.js";
export type { FrontMatter } from "./post/front-matter.js";
export type { HeadingStyle, PostLine } from "./post/post-lines.js";
export { type ParsedPost, type PostLayout, type PostNote, parsePost, readPost } from "./post/read-post.js";
