/**
 * The data every part of the transcripts product shares: what parsers read, what the fusion produces, what the
 * renderers write and what the search indexes. Times are seconds from the start of the episode.
 * @module
 */

/** The input formats the parsers read. */
export type TranscriptFormat =
  | "riverside" // the recording tool's export: `Speaker Name (MM:SS)` headers, then the turn's words
  | "sbv" // YouTube .sbv
  | "vtt" // WebVTT, including YouTube's rolling auto-captions
  | "srt"
  | "json3" // YouTube timedtext json3
  | "youtube-paste" // the YouTube "Show transcript" copy-paste
  | "text"; // plain text, no timing

/** One cue, paragraph or turn of a source transcript, as the file has it. */
export interface Segment {
  text: string;
  /** Seconds; absent in plain text. */
  start?: number;
  end?: number;
  /** Present in sources that name speakers (the recording tool's export). */
  speaker?: string;
  /** 1-based line in the file where the segment starts, for error messages and diagnostics. */
  line: number;
  /**
   * Each word with its own time, when the source times words (YouTube's rolling auto-captions, json3 with word
   * offsets). Their texts joined by spaces are the segment's `text`.
   */
  words?: TimedWord[];
}

/** A parsed source transcript. */
export interface Transcript {
  format: TranscriptFormat;
  /** The file it came from, when there is one. */
  file?: string;
  segments: Segment[];
  /** Chapter titles the source itself carries (the YouTube transcript paste interleaves them), in time order. */
  chapters?: Chapter[];
}

/** One entry of the hosts' chapter list. */
export interface Chapter {
  /** Seconds. */
  start: number;
  title: string;
  line?: number;
}

/** A word with the evidence the fusion found for it. */
export interface TimedWord {
  text: string;
  start?: number;
  end?: number;
  speaker?: string;
}

/** What one speaker said without interruption, as published. */
export interface Turn {
  speaker: string;
  /** Seconds; where the turn starts in the recording. */
  start?: number;
  end?: number;
  /** The words, verbatim, as paragraphs (each becomes a `>` blockquote in the post). */
  paragraphs: string[];
  /** Word-level detail when the fusion produced it (absent for turns read back from a published post). */
  words?: TimedWord[];
}

/**
 * A chapter of the episode with the turns inside it. A monologue that a chapter boundary cuts is two turns of the
 * same speaker: the last of one section and the first of the next (the post repeats the speaker's name).
 */
export interface Section {
  title: string;
  /** Seconds; undefined only for text before the first chapter heading, or posts whose headings have no time. */
  start?: number;
  turns: Turn[];
}

/** An episode's front matter, in the show's convention; unknown keys are kept as they are. */
export interface EpisodeMeta {
  title?: string;
  date?: string;
  layout?: string;
  episode_number?: number;
  episode_type?: string;
  youtube_id?: string;
  description?: string;
  /** ISO 8601 duration, such as `PT1H10M28S`. */
  duration?: string;
  categories?: string[];
  tags?: string[];
  [key: string]: unknown;
}

/** A whole episode: front matter and chaptered, speaker-attributed turns. */
export interface Episode {
  meta: EpisodeMeta;
  /**
   * Markdown between the front matter and the first chapter or turn, kept as written: the older posts' video include
   * and listen-on links, a `# Trascrizione` title. Absent when there is none.
   */
  preamble?: string;
  sections: Section[];
  /** Link lines after the last turn, kept as written (the older posts' closing listen-on links). */
  postamble?: string;
}
