/**
 * `@trama/transcripts`: podcast transcripts fused into verbatim, speaker-attributed posts, and searched.
 * @module
 */

export { components } from "./components.js";
// Fusion: alignment, speaker transfer, short turns, chapters, glossary, fillers, model steps.
export { type AlignInput, type Alignment, type AlignStats, alignSequences } from "./fusion/align.js";
export { type ChapterOptions, type ChapterPlacement, placeChapters } from "./fusion/chapters.js";
export { parseEpisodeMeta } from "./fusion/episode-meta.js";
export { cleanFillers, type FillerRemoval } from "./fusion/fillers.js";
export type { FusedWord, WordOrigin } from "./fusion/fused-word.js";
export {
  ApplyGlossary,
  AssembleEpisode,
  type AssembleEpisodeParams,
  CleanFillers,
  fusedWordsType,
  GlossaryParser,
  glossaryType,
  MergeEpisode,
  type MergeEpisodeParams,
  mergeReportType,
  TransferSpeakers,
  type TransferSpeakersParams,
} from "./fusion/fusion-components.js";
export { FusionError } from "./fusion/fusion-error.js";
export {
  applyGlossary,
  type GlossaryEntry,
  type GlossaryEvidence,
  type GlossaryReplacement,
  parseGlossary,
} from "./fusion/glossary.js";
export { checkFix, disagreements, fixJargon, type JargonFix, type JargonOptions } from "./fusion/llm-jargon.js";
export type { GeneratorInput } from "./fusion/llm-reply.js";
export { chapterStarts, type TitleOptions, titleChapters } from "./fusion/llm-titles.js";
export {
  assembleEpisode,
  type FusedWords,
  fuseWords,
  type MergeInput,
  type MergeOptions,
  type MergeReport,
  type MergeResult,
  mergeEpisode,
} from "./fusion/merge-episode.js";
export { type ModelSteps, mergeEpisodeWithModel } from "./fusion/merge-with-model.js";
export {
  FixJargon,
  type FixJargonParams,
  TitleChapters,
  type TitleChaptersParams,
} from "./fusion/model-components.js";
export { endsSentence, keySimilarity, phoneticKey, textKeys, wordKeys } from "./fusion/normalize.js";
export { placeShortTurns, type ShortTurnOptions, type ShortTurnPlacement } from "./fusion/short-turns.js";
export { type SourceWord, type SourceWords, sourceWords } from "./fusion/source-words.js";
export {
  setAsideShortTurns,
  type Transfer,
  type TransferOptions,
  transferSpeakers,
} from "./fusion/speaker-transfer.js";
export { buildTurns, type TurnOptions } from "./fusion/turns.js";
export { chapterType, episodeType, transcriptType } from "./model/socket-types.js";
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
export { decodeEntities, plainCueText } from "./parsers/caption-text.js";
export { parseChapters } from "./parsers/chapters.js";
export { formatClock, parseClock } from "./parsers/clock.js";
export { detectFormat } from "./parsers/detect-format.js";
export { parseJson3 } from "./parsers/json3.js";
export { type ParseErrorLocation, TranscriptParseError } from "./parsers/parse-error.js";
export { type ParseTranscriptOptions, parseTranscript, transcriptParsers } from "./parsers/parse-transcript.js";
export { ChapterListParser, TranscriptParser, type TranscriptParserParams } from "./parsers/parser-components.js";
export { parsePlainText } from "./parsers/plain-text.js";
export { isRiversideHeader, parseRiverside } from "./parsers/riverside.js";
export { parseSbv } from "./parsers/sbv.js";
export { parseSrt } from "./parsers/srt.js";
export type { ParseOptions } from "./parsers/text-lines.js";
export { parseVtt } from "./parsers/vtt.js";
export { parseYoutubePaste } from "./parsers/youtube-paste.js";
export type { FrontMatter } from "./post/front-matter.js";
export type { HeadingStyle, PostLine } from "./post/post-lines.js";
export { PostReader } from "./post/post-reader-component.js";
export { type ParsedPost, type PostLayout, type PostNote, parsePost, readPost } from "./post/read-post.js";
// Formats: renderers.
export { type Cue, type CueOptions, episodeCues, TranscriptRenderError } from "./render/cues.js";
export { type EpisodeFormat, EpisodeRenderer, type EpisodeRendererParams } from "./render/episode-renderer.js";
export { renderFrontMatter } from "./render/render-front-matter.js";
export { type PodcastTranscript, renderPodcastJson } from "./render/render-podcast-json.js";
export { apostropheAccents, escapeMarkdown, type RenderPostOptions, renderPost } from "./render/render-post.js";
export { renderVtt, vttTime } from "./render/render-vtt.js";
// Search: posts indexed by turn, Italian-aware keyword search with glossary synonyms, semantic and hybrid search.
export {
  type AnswerPart,
  type AnswerQuestionOptions,
  answerQuestion,
  answerSystemPrompt,
  answerUserTemplate,
  citedAnswer,
  type TranscriptAnswer,
} from "./search/answer-question.js";
export { type EpisodeInfo, episodeInfo } from "./search/episode-info.js";
export { headingAnchors } from "./search/heading-anchor.js";
export { highlight, type Snippet, type SnippetPart } from "./search/highlight.js";
export {
  describeFailed,
  describeRemoved,
  type ImportPostsOptions,
  type ImportProgress,
  type ImportReport,
  importPosts,
  type PostImportStatus,
  postFiles,
  skippedLine,
} from "./search/import-posts.js";
export { type PostDocumentOptions, type PostDocuments, postDocuments } from "./search/post-documents.js";
export { type PostLinkInput, permalinkStyles, postUrl, type SiteLinks, videoUrl } from "./search/post-links.js";
export {
  type ExpandedQuery,
  expandQuery,
  type InflectionMode,
  inflections,
  italianAnalyzer,
  plainWords,
} from "./search/query-terms.js";
export { ExpandQuery, type ExpandQueryParams, PostToDocuments } from "./search/search-components.js";
export { TranscriptSearchError } from "./search/search-error.js";
export {
  type SearchHit,
  type SearchMode,
  type SearchOptions,
  TranscriptSearch,
  type TranscriptSearchOptions,
} from "./search/search-transcripts.js";
export { defaultTranscriptsDatabase, openTranscriptsStore, readGlossaryFile } from "./search/transcripts-store.js";
// Formats: the post validator.
export { parseIsoDuration, REQUIRED_EPISODE_KEYS, REQUIRED_KEYS } from "./validate/front-matter-checks.js";
export { formatIssues, type PostIssue, type PostIssueSeverity, type PostValidation } from "./validate/post-issue.js";
export { PostValidator, type PostValidatorParams, postValidationType } from "./validate/post-validator-component.js";
export { readRoster } from "./validate/roster.js";
export { postRoster, type ValidatePostOptions, validatePost } from "./validate/validate-post.js";
