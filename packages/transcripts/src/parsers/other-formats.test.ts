import { describe, expect, test } from "vitest";
import { detectFormat } from "./detect-format.js";
import { parseJson3 } from "./json3.js";
import { TranscriptParseError } from "./parse-error.js";
import { parseTranscript } from "./parse-transcript.js";
import { parsePlainText } from "./plain-text.js";
import { parseYoutubePaste } from "./youtube-paste.js";

function thrown(run: () => unknown): TranscriptParseError {
  try {
    run();
  } catch (error) {
    if (TranscriptParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a TranscriptParseError");
}

const json3 = `{
  "wireMagic": "pb3",
  "pens": [ {  } ],
  "wsWinStyles": [ {  }, { "mhModeHint": 2, "juJustifCode": 0, "sdScrollDir": 3 } ],
  "events": [ {
    "tStartMs": 0,
    "dDurationMs": 7000,
    "id": 1,
    "wpWinPosId": 1,
    "wsWinStyleId": 1
  }, {
    "tStartMs": 160,
    "dDurationMs": 4800,
    "wWinId": 1,
    "segs": [ { "utf8": "ciao", "acAsrConf": 0 }, { "utf8": " a", "tOffsetMs": 320 }, { "utf8": " tutti", "tOffsetMs": 641 } ]
  }, {
    "tStartMs": 2869,
    "dDurationMs": 2371,
    "wWinId": 1,
    "aAppend": 1,
    "segs": [ { "utf8": "\\n" } ]
  }, {
    "tStartMs": 4960,
    "dDurationMs": 2000,
    "segs": [ { "utf8": "Manual line &amp; more" } ]
  } ]
}
`;

describe("parseJson3", () => {
  test("reads events with word offsets, skips window definitions and newline appends", () => {
    expect(parseJson3(json3, { file: "a.json3" })).toEqual({
      format: "json3",
      file: "a.json3",
      segments: [
        {
          text: "ciao a tutti",
          start: 0.16,
          end: 4.96,
          line: 12,
          words: [
            { text: "ciao", start: 0.16, end: 0.48 },
            { text: "a", start: 0.48, end: 0.801 },
            { text: "tutti", start: 0.801, end: 4.96 },
          ],
        },
        { text: "Manual line & more", start: 4.96, end: 6.96, line: 23 },
      ],
    });
  });

  test("accepts a BOM and CRLF; invalid JSON and a missing events list name their line", () => {
    expect(parseJson3(`\uFEFF${json3.replaceAll("\n", "\r\n")}`).segments).toHaveLength(2);
    expect(thrown(() => parseJson3('{\n  "events": [\n    { "tStartMs": 1, }\n  ]\n}', { file: "b.json3" })).line).toBe(
      3,
    );
    expect(thrown(() => parseJson3(`${json3}\ngarbage`, { file: "b.json3" })).message).toMatch(
      /^b\.json3:\d+: expected valid JSON/,
    );
    expect(thrown(() => parseJson3('{"wireMagic": "pb3"}')).message).toContain('an "events" list');
  });
});

describe("parseYoutubePaste", () => {
  test("reads time lines and text lines", () => {
    const text = "0:00\nciao a tutti\n0:03\n3 seconds\nbentornati\n1:02:03\nalla fine\n";
    expect(parseYoutubePaste(text)).toEqual({
      format: "youtube-paste",
      segments: [
        { text: "ciao a tutti", start: 0, line: 1 },
        { text: "bentornati", start: 3, line: 3 },
        { text: "alla fine", start: 3723, line: 6 },
      ],
    });
  });

  test("takes the interleaved chapter titles into chapters, and accepts time and text on one line", () => {
    const text = "Intro\n0:00\nciao\n0:04\ndue\nSecondo capitolo\n1:05\ntre\nChiusura\n2:10 fine\n";
    const transcript = parseYoutubePaste(text, { file: "paste.txt" });
    expect(transcript.segments.map((segment) => [segment.start, segment.text])).toEqual([
      [0, "ciao"],
      [4, "due"],
      [65, "tre"],
      [130, "fine"],
    ]);
    expect(transcript.chapters).toEqual([
      { start: 0, title: "Intro", line: 1 },
      { start: 65, title: "Secondo capitolo", line: 6 },
      { start: 130, title: "Chiusura", line: 9 },
    ]);
  });

  test("a single heading line is not a chapter; text without times is refused", () => {
    expect(parseYoutubePaste("Transcript\n0:00\nciao\n").chapters).toBeUndefined();
    expect(thrown(() => parseYoutubePaste("just words\n", { file: "p.txt" })).message).toMatch(
      /^p\.txt:1: expected time lines such as `0:05`/,
    );
  });
});

describe("parsePlainText", () => {
  test("one segment per paragraph, no timing", () => {
    expect(parsePlainText("\uFEFFPrima riga\r\nseguita.\r\n\r\n\r\nSecondo paragrafo.\r\n \r\n")).toEqual({
      format: "text",
      segments: [
        { text: "Prima riga seguita.", line: 1 },
        { text: "Secondo paragrafo.", line: 5 },
      ],
    });
  });
});

describe("detectFormat and parseTranscript", () => {
  test.each([
    ["WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", "captions.txt", "vtt"],
    ["\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nx\r\n", undefined, "srt"],
    ["00:00:01,000 --> 00:00:02,000\nx\n", undefined, "srt"],
    ["0:00:01.000,0:00:02.000\nx\n", undefined, "sbv"],
    [json3, undefined, "json3"],
    ["Stefano Maestri (00:01)\nCiao\n", "export.txt", "riverside"],
    ["0:00\nciao\n0:03\nbentornati\n", undefined, "youtube-paste"],
    ["Intro\n0:00\nciao\n", undefined, "youtube-paste"],
    ["Solo parole.\n", "notes.txt", "text"],
    ["", "empty.srt", "srt"],
    ["", undefined, "text"],
  ] as const)("%j (%s) is %s", (text, file, format) => {
    expect(detectFormat(text, file)).toBe(format);
  });

  test("parses with the detected or the given format, and refuses an unknown one", () => {
    expect(parseTranscript("0:00:01.000,0:00:02.000\nx\n", { file: "a.sbv" }).format).toBe("sbv");
    expect(parseTranscript("0:00\nciao\n", { format: "text" }).segments).toEqual([{ text: "0:00 ciao", line: 1 }]);
    expect(thrown(() => parseTranscript("x", { format: "docx" as never, file: "a.docx" })).message).toMatch(
      /^a\.docx:1: expected a format among riverside, sbv, vtt, srt, json3, youtube-paste, text, found "docx"/,
    );
  });
});
