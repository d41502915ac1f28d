import { describe, expect, test } from "vitest";
import { TranscriptParseError } from "./parse-error.js";
import { parseSbv } from "./sbv.js";
import { parseSrt } from "./srt.js";

function thrown(run: () => unknown): TranscriptParseError {
  try {
    run();
  } catch (error) {
    if (TranscriptParseError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a TranscriptParseError");
}

describe("parseSbv", () => {
  test("reads blocks of a timing line and text lines", () => {
    const text =
      "0:00:00.599,0:00:04.160\n>> hello &amp; welcome\nto the show\n\n0:00:04.160,0:00:06.000\n<i>second</i>\n";
    expect(parseSbv(text, { file: "a.sbv" })).toEqual({
      format: "sbv",
      file: "a.sbv",
      segments: [
        { text: "hello & welcome to the show", start: 0.599, end: 4.16, line: 1 },
        { text: "second", start: 4.16, end: 6, line: 5 },
      ],
    });
  });

  test("accepts BOM, CRLF, several blank lines, trailing control characters; skips empty cues", () => {
    const text =
      "\uFEFF0:00:01.000,0:00:02.000\r\nuno\r\n\r\n\r\n0:00:02.000,0:00:03.000\r\n\r\n0:01:02.5,1:00:03.250\r\ndue\r\n\x1a";
    expect(parseSbv(text).segments).toEqual([
      { text: "uno", start: 1, end: 2, line: 1 },
      { text: "due", start: 62.5, end: 3603.25, line: 7 },
    ]);
  });

  test("trailing garbage names its line", () => {
    const error = thrown(() => parseSbv("0:00:01.000,0:00:02.000\nuno\n\nthis is garbage\n", { file: "a.sbv" }));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^a\.sbv:4: expected a timing line such as `0:00:01\.000,0:00:04\.500`/);
  });

  test("an end before the start is refused", () => {
    expect(thrown(() => parseSbv("0:00:03.000,0:00:02.000\nuno\n")).message).toContain("an end time at or after");
  });
});

describe("parseSrt", () => {
  test("reads numbered cues, markup removed, lines joined", () => {
    const text =
      '1\n00:00:01,000 --> 00:00:04,000\n{\\an8}<font color="#fff">Hello</font>\n<b>world</b>\n\n2\n00:00:04,500 --> 00:00:06,250 X1:10 X2:20\n- Yes.\n';
    expect(parseSrt(text).segments).toEqual([
      { text: "Hello world", start: 1, end: 4, line: 1 },
      { text: "- Yes.", start: 4.5, end: 6.25, line: 6 },
    ]);
  });

  test("accepts missing indexes, dots before milliseconds, BOM and CRLF, and cues without text", () => {
    const text =
      "\uFEFF00:00:01.000 --> 00:00:02.000\r\nuno\r\n\r\n7\r\n01:00:00,000 --> 01:00:01,000\r\n\r\n8\r\n01:00:01,000 --> 01:00:02,000\r\ndue\r\n";
    expect(parseSrt(text).segments).toEqual([
      { text: "uno", start: 1, end: 2, line: 1 },
      { text: "due", start: 3601, end: 3602, line: 7 },
    ]);
  });

  test("trailing garbage and malformed times name their line", () => {
    expect(
      thrown(() => parseSrt("1\n00:00:01,000 --> 00:00:02,000\nuno\n\n--\nend of file\n", { file: "x.srt" })).line,
    ).toBe(5);
    const error = thrown(() => parseSrt("1\n00:00:01,000 --> 00:00:62,000\nuno\n", { file: "x.srt" }));
    expect(error.message).toMatch(/^x\.srt:2: expected a timing line such as `00:00:01,000 --> 00:00:04,500`/);
  });
});
