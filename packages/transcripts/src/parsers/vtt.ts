import type { Segment, Transcript } from "../model/transcript.js";
import { splitBlocks } from "./blocks.js";
import { collapse, decodeEntities, stripMarkup } from "./caption-text.js";
import { isTimingLine, readCueTiming } from "./cue-timing.js";
import { TranscriptParseError } from "./parse-error.js";
import { type ParseOptions, splitLines, UNNAMED_INPUT } from "./text-lines.js";
import { hasInlineTimestamps, rollingCaptionSegments } from "./vtt-rolling.js";

const EXAMPLE = "00:00:01.000 --> 00:00:04.500";

/** A WebVTT cue as the file has it, before its payload is read. */
export interface VttCue {
  start: number;
  end: number;
  /** 1-based line of the cue block (its identifier, or its timing line when it has none). */
  line: number;
  /** The payload lines, markup included. */
  payload: string[];
}

/**
 * Reads WebVTT captions: the `WEBVTT` line and its header, `NOTE`, `STYLE` and `REGION` blocks (skipped), cues with
 * or without an identifier, cue settings after the times. A cue's `<v Speaker>` voice spans become segments with that
 * speaker (one cue may hold several); other markup is removed. YouTube's rolling auto-captions, whose cues repeat the
 * previous line and time each new word inline (`word<00:00:01.000><c> next</c>`), are de-duplicated: every word
 * appears once, in a segment per caption line, with its own time in `words`.
 *
 * @throws TranscriptParseError naming the file and line when the `WEBVTT` signature is missing, or a block is neither
 * a cue nor a NOTE, STYLE or REGION block, or a timing line is malformed.
 */
export function parseVtt(text: string, options: ParseOptions = {}): Transcript {
  const file = options.file ?? UNNAMED_INPUT;
  const lines = splitLines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0]!.trimEnd())) {
    throw new TranscriptParseError({
      file,
      line: 1,
      expected: "`WEBVTT` on the first line",
      found: lines[0],
      hint: "Is this an SRT file? Pass the format explicitly, or rename it to .srt.",
    });
  }
  const [, ...blocks] = splitBlocks(lines, { spacesAreText: true }); // the first block is the signature and its header lines
  const cues: VttCue[] = [];
  for (const block of blocks) {
    const first = block.lines[0]!;
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const timingIndex = block.lines.findIndex(isTimingLine);
    if (timingIndex < 0 || timingIndex > 1) {
      throw new TranscriptParseError({
        file,
        line: block.line,
        expected: `a cue (an optional identifier, then a timing line such as \`${EXAMPLE}\`) or a NOTE block`,
        found: first,
      });
    }
    const timing = readCueTiming(block.lines[timingIndex]!, { file, line: block.line + timingIndex, example: EXAMPLE });
    cues.push({ start: timing.start, end: timing.end, line: block.line, payload: block.lines.slice(timingIndex + 1) });
  }
  const segments = cues.some((cue) => cue.payload.some(hasInlineTimestamps))
    ? rollingCaptionSegments(cues)
    : cues.flatMap(voiceSegments);
  return { format: "vtt", ...(options.file === undefined ? {} : { file: options.file }), segments };
}

const voicePattern = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v>/g;

/** Splits a cue's payload at its voice spans: text outside any span has no speaker. */
function voiceSegments(cue: VttCue): Segment[] {
  const payload = cue.payload.join("\n");
  const segments: Segment[] = [];
  let speaker: string | undefined;
  let from = 0;
  const flush = (until: number) => {
    const words = collapse(decodeEntities(stripMarkup(payload.slice(from, until))));
    if (words !== "") {
      segments.push({ text: words, start: cue.start, end: cue.end, line: cue.line, ...(speaker ? { speaker } : {}) });
    }
  };
  for (const match of payload.matchAll(voicePattern)) {
    flush(match.index);
    speaker = match[0] === "</v>" ? undefined : decodeEntities(match[1] ?? "").trim() || undefined;
    from = match.index + match[0].length;
  }
  flush(payload.length);
  return segments;
}
