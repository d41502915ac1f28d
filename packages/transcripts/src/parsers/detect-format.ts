import type { TranscriptFormat } from "../model/transcript.js";
import { isRiversideHeader } from "./riverside.js";
import { splitLines } from "./text-lines.js";

const byExtension: Record<string, TranscriptFormat> = {
  vtt: "vtt",
  webvtt: "vtt",
  srt: "srt",
  sbv: "sbv",
  json3: "json3",
  json: "json3",
};

const sbvTimingPattern = /^\d+:\d{2}:\d{2}(?:\.\d{1,3})?,\d+:\d{2}:\d{2}(?:\.\d{1,3})?$/;
const srtTimingPattern = /^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\s*-->/;
const pasteTimePattern = /^\d{1,2}(?::\d{2}){1,2}$/;

/**
 * Guesses a transcript's format from its first lines and its file name. Unmistakable content wins (`WEBVTT`, a JSON
 * object, an SBV or SRT timing line, a `Speaker Name (MM:SS)` header); then the extension (`.vtt`, `.srt`, `.sbv`,
 * `.json`/`.json3`); then a time on a line of its own (the YouTube transcript paste); plain text otherwise.
 */
export function detectFormat(text: string, fileName?: string): TranscriptFormat {
  const lines = splitLines(text.slice(0, 4096))
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const first = lines[0] ?? "";
  if (/^WEBVTT(?:\s|$)/.test(first)) return "vtt";
  if (first.startsWith("{") && /"events"\s*:/.test(text)) return "json3";
  if (sbvTimingPattern.test(first)) return "sbv";
  if (srtTimingPattern.test(first) || (/^\d+$/.test(first) && srtTimingPattern.test(lines[1] ?? ""))) return "srt";
  if (isRiversideHeader(first)) return "riverside";
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const known = extension === undefined ? undefined : byExtension[extension];
  if (known) return known;
  if (lines.slice(0, 6).some((line) => pasteTimePattern.test(line))) return "youtube-paste";
  return "text";
}
