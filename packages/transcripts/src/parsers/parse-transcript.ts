import type { Transcript, TranscriptFormat } from "../model/transcript.js";
import { detectFormat } from "./detect-format.js";
import { parseJson3 } from "./json3.js";
import { TranscriptParseError } from "./parse-error.js";
import { parsePlainText } from "./plain-text.js";
import { parseRiverside } from "./riverside.js";
import { parseSbv } from "./sbv.js";
import { parseSrt } from "./srt.js";
import { type ParseOptions, UNNAMED_INPUT } from "./text-lines.js";
import { parseVtt } from "./vtt.js";
import { parseYoutubePaste } from "./youtube-paste.js";

/** The parser of each format. */
export const transcriptParsers: Readonly<
  Record<TranscriptFormat, (text: string, options?: ParseOptions) => Transcript>
> = {
  riverside: parseRiverside,
  sbv: parseSbv,
  vtt: parseVtt,
  srt: parseSrt,
  json3: parseJson3,
  "youtube-paste": parseYoutubePaste,
  text: parsePlainText,
};

/** Options of `parseTranscript`. */
export interface ParseTranscriptOptions extends ParseOptions {
  /** The format; guessed from the text and the file name (`detectFormat`) when absent. */
  format?: TranscriptFormat;
}

/**
 * Parses a transcript in any supported format: the recording tool's export, YouTube `.sbv`, WebVTT (rolling
 * auto-captions de-duplicated), SRT, YouTube json3, the YouTube "Show transcript" paste, or plain text.
 *
 * @throws TranscriptParseError naming the file and line when the text does not fit the format.
 */
export function parseTranscript(text: string, options: ParseTranscriptOptions = {}): Transcript {
  const format = options.format ?? detectFormat(text, options.file);
  const parser = Object.hasOwn(transcriptParsers, format) ? transcriptParsers[format] : undefined;
  if (!parser) {
    throw new TranscriptParseError({
      file: options.file ?? UNNAMED_INPUT,
      line: 1,
      expected: `a format among ${Object.keys(transcriptParsers).join(", ")}`,
      found: String(format),
    });
  }
  return parser(text, options.file === undefined ? {} : { file: options.file });
}
