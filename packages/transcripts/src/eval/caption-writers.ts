/**
 * Small writers for the caption formats the accurate source comes in, so that the evaluation feeds the fusion files
 * exactly as the parsers read them: YouTube .sbv, SRT, WebVTT, YouTube's rolling auto-captions (WebVTT with inline
 * word times), YouTube json3, the "Show transcript" paste, and plain text.
 * @module
 */
import type { TranscriptFormat } from "../model/transcript.js";

/** One caption cue: its words with their times (seconds). */
export interface Cue {
  start: number;
  end: number;
  words: Array<{ text: string; time: number }>;
}

/** The caption variants the evaluation writes; `vtt-auto` is WebVTT as YouTube's rolling auto-captions. */
export type CaptionVariant = "sbv" | "srt" | "vtt" | "vtt-auto" | "json3" | "youtube-paste" | "text";

/** Every variant, in the order the report lists them. */
export const CAPTION_VARIANTS: readonly CaptionVariant[] = [
  "sbv",
  "srt",
  "vtt",
  "vtt-auto",
  "json3",
  "youtube-paste",
  "text",
];

/** The parser format of each variant. */
export const VARIANT_FORMAT: Record<CaptionVariant, TranscriptFormat> = {
  sbv: "sbv",
  srt: "srt",
  vtt: "vtt",
  "vtt-auto": "vtt",
  json3: "json3",
  "youtube-paste": "youtube-paste",
  text: "text",
};

/** Whether a variant is machine captioning: lower case, no punctuation, as YouTube's automatic captions. */
export function isAutoCaption(variant: CaptionVariant): boolean {
  return variant === "vtt-auto" || variant === "json3";
}

/** Writes cues in a variant's file format. */
export function writeCaptions(variant: CaptionVariant, cues: readonly Cue[]): string {
  switch (variant) {
    case "sbv":
      return cues
        .map((cue) => `${clock(cue.start, ".", false)},${clock(cue.end, ".", false)}\n${lines(cue)}\n`)
        .join("\n");
    case "srt":
      return cues
        .map(
          (cue, index) =>
            `${index + 1}\n${clock(cue.start, ",", true)} --> ${clock(cue.end, ",", true)}\n${lines(cue)}\n`,
        )
        .join("\n");
    case "vtt":
      return `WEBVTT\n\n${cues.map((cue) => `${clock(cue.start, ".", true)} --> ${clock(cue.end, ".", true)}\n${lines(cue)}\n`).join("\n")}`;
    case "vtt-auto":
      return rollingVtt(cues);
    case "json3":
      return json3(cues);
    case "youtube-paste":
      return cues.map((cue) => `${pasteClock(cue.start)}\n${text(cue)}`).join("\n");
    case "text":
      return plainText(cues);
  }
}

const text = (cue: Cue) => cue.words.map((word) => word.text).join(" ");

/** A cue's text on one or two lines, as captions break them. */
function lines(cue: Cue): string {
  const all = text(cue);
  if (all.length <= 42 || cue.words.length < 2) return all;
  const half = Math.ceil(cue.words.length / 2);
  const first = cue.words.slice(0, half).map((word) => word.text);
  const second = cue.words.slice(half).map((word) => word.text);
  return `${first.join(" ")}\n${second.join(" ")}`;
}

function clock(seconds: number, separator: string, padHours: boolean): string {
  const milliseconds = Math.max(0, Math.round(seconds * 1000));
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor((milliseconds % 3_600_000) / 60_000);
  const secs = Math.floor((milliseconds % 60_000) / 1000);
  const rest = milliseconds % 1000;
  const two = (value: number) => String(value).padStart(2, "0");
  return `${padHours ? two(hours) : hours}:${two(minutes)}:${two(secs)}${separator}${String(rest).padStart(3, "0")}`;
}

/** The paste's times: `0:05`, `12:34`, `1:02:03`. */
function pasteClock(seconds: number): string {
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}

/**
 * YouTube's rolling auto-captions: each cue shows the previous line (plain) above the new one, whose words carry
 * inline `<time><c>` tags; a 10 ms cue then holds the finished line alone. Naive parsers read every line twice.
 */
function rollingVtt(cues: readonly Cue[]): string {
  const parts = ["WEBVTT\nKind: captions\nLanguage: it\n"];
  let previous = " ";
  for (const cue of cues) {
    const [first, ...rest] = cue.words;
    if (!first) continue;
    const timed = rest.map((word) => `<${clock(word.time, ".", true)}><c> ${word.text}</c>`).join("");
    parts.push(
      `${clock(cue.start, ".", true)} --> ${clock(cue.end, ".", true)} align:start position:0%\n${previous}\n${first.text}${timed}\n`,
    );
    previous = text(cue);
    parts.push(
      `${clock(cue.end, ".", true)} --> ${clock(cue.end + 0.01, ".", true)} align:start position:0%\n${previous}\n \n`,
    );
  }
  return parts.join("\n");
}

/** YouTube timedtext json3: one event per cue, its words as segments with offsets, newline events between. */
function json3(cues: readonly Cue[]): string {
  const events: unknown[] = [
    { tStartMs: 0, dDurationMs: Math.round((cues.at(-1)?.end ?? 0) * 1000), id: 1, wpWinPosId: 1 },
  ];
  for (const cue of cues) {
    const startMs = Math.round(cue.start * 1000);
    events.push({
      tStartMs: startMs,
      dDurationMs: Math.round((cue.end - cue.start) * 1000),
      wWinId: 1,
      segs: cue.words.map((word, index) => ({
        utf8: index === 0 ? word.text : ` ${word.text}`,
        ...(index === 0 ? {} : { tOffsetMs: Math.max(0, Math.round(word.time * 1000) - startMs) }),
        acAsrConf: 0,
      })),
    });
    events.push({
      tStartMs: Math.round(cue.end * 1000),
      dDurationMs: 10,
      wWinId: 1,
      aAppend: 1,
      segs: [{ utf8: "\n" }],
    });
  }
  return JSON.stringify({ wireMagic: "pb3", pens: [{}], wsWinStyles: [{}], wpWinPositions: [{}], events });
}

/** Plain text: the words in paragraphs of about a hundred words, broken after a sentence. */
function plainText(cues: readonly Cue[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const word of cues.flatMap((cue) => cue.words)) {
    current.push(word.text);
    if (current.length >= 100 && /[.?!]$/.test(word.text)) {
      paragraphs.push(current.join(" "));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(" "));
  return `${paragraphs.join("\n\n")}\n`;
}
