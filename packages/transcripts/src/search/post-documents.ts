/**
 * A published post as search documents: one per speaker turn (long turns in passages), each with the episode, the
 * speaker, the chapter and its heading's anchor, and the second the turn starts at.
 * @module
 */
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { Document } from "@trama/core";
import { splitSentences } from "@trama/retrieval";
import type { Section, Turn } from "../model/transcript.js";
import { parsePost } from "../post/read-post.js";
import { type EpisodeInfo, episodeInfo } from "./episode-info.js";
import { headingAnchors, headingText } from "./heading-anchor.js";

/** Bump when the documents a post gives change shape, so that every post is indexed again. */
const DOCUMENT_FORMAT = 1;

/** How posts become documents. */
export interface PostDocumentOptions {
  /** A turn longer than this many words is cut into passages of at most this many (at paragraph, then sentence ends). Default 150. */
  maxWords?: number;
  /** Anything else the documents depend on (the embedding model), folded into `post_hash` so that a change re-indexes. */
  indexKey?: string;
}

/** The documents of one post, and what they were made from. */
export interface PostDocuments {
  info: EpisodeInfo;
  /** A digest of the post's text and the options: documents of an unchanged post carry the same `post_hash`. */
  postHash: string;
  documents: Document[];
}

/** The folder a post's documents record (`post_folder`): its file's folder, absolute, as imports and pruning compare it. */
export function postFolder(file: string): string {
  return dirname(resolve(file));
}

/**
 * Reads a post (`text`, from `file`) into one document per turn or passage. `content` is the words; `meta` has
 * `source: "transcripts"`, `post` (the slug), `post_file`, `post_folder` (the file's folder, absolute), `post_hash`,
 * `title`, `date`, `categories`, `episode`, `youtube_id`, `speaker`, `chapter`, `chapter_index`, `chapter_time`, `anchor` (the chapter heading's id as Jekyll
 * writes it), `start` (seconds: the turn's own time when the post gives one, else its chapter's), `time_source`
 * (`turn`, `chapter` or `none`), `turn` and `passage` (indexes). Ids are `<slug>:<hash>:<turn>:<passage>`.
 *
 * @throws TranscriptParseError naming the file and line when the post's front matter cannot be read.
 */
export function postDocuments(input: { text: string; file: string } & PostDocumentOptions): PostDocuments {
  const maxWords = input.maxWords ?? 150;
  const post = parsePost(input.text, { file: input.file });
  const info = episodeInfo(post, input.file);
  const postHash = createHash("sha256")
    .update(`${DOCUMENT_FORMAT}\n${maxWords}\n${input.indexKey ?? ""}\n${input.text}`)
    .digest("hex")
    .slice(0, 16);
  const anchors = headingAnchors();
  const common = {
    source: "transcripts",
    post: info.slug,
    post_file: info.file,
    post_folder: postFolder(input.file),
    post_hash: postHash,
    title: info.title,
    ...(info.date ? { date: info.date } : {}),
    categories: info.categories,
    ...(info.episode === undefined ? {} : { episode: info.episode }),
    ...(info.youtubeId ? { youtube_id: info.youtubeId } : {}),
  };
  const documents: Document[] = [];
  let turnIndex = 0;
  post.episode.sections.forEach((section, chapterIndex) => {
    const raw = post.layout.sections[chapterIndex]?.raw;
    const anchor = raw === undefined ? undefined : anchors.next(headingText(raw));
    const chapter = chapterMeta(section, chapterIndex, anchor);
    for (const turn of section.turns) {
      const time = turnTime(turn, section);
      passages(turn, maxWords).forEach((content, passage) => {
        documents.push(
          new Document({
            id: `${info.slug}:${postHash}:${turnIndex}:${passage}`,
            content,
            meta: { ...common, speaker: turn.speaker, ...chapter, ...time, turn: turnIndex, passage },
          }),
        );
      });
      turnIndex++;
    }
  });
  return { info, postHash, documents };
}

function chapterMeta(section: Section, index: number, anchor: string | undefined) {
  return {
    chapter: section.title,
    chapter_index: index,
    ...(section.start === undefined ? {} : { chapter_time: section.start }),
    ...(anchor ? { anchor } : {}),
  };
}

function turnTime(turn: Turn, section: Section) {
  if (turn.start !== undefined) return { start: turn.start, time_source: "turn" };
  if (section.start !== undefined) return { start: section.start, time_source: "chapter" };
  return { time_source: "none" };
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The turn's paragraphs gathered into passages of at most `maxWords` words; long paragraphs cut at sentence ends. */
function passages(turn: Turn, maxWords: number): string[] {
  const pieces = turn.paragraphs.flatMap((paragraph) =>
    wordCount(paragraph) <= maxWords
      ? [paragraph]
      : splitSentences(paragraph, "it").map((span) => paragraph.slice(span.start, span.end).trim()),
  );
  const result: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const piece of pieces.filter(Boolean)) {
    const count = wordCount(piece);
    if (current.length > 0 && words + count > maxWords) {
      result.push(current.join(" "));
      current = [];
      words = 0;
    }
    current.push(piece);
    words += count;
  }
  if (current.length > 0) result.push(current.join(" "));
  return result;
}
