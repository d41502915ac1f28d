import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { TranscriptParseError } from "./parse-error.js";
import { parseRiverside } from "./riverside.js";

const sample = [
  "Stefano Maestri (00:01)",
  "Ciao a tutti e tutte, ciao Paolo.",
  "",
  "Alessio Soldano (00:04)",
  "Ciao!",
  "",
  "Stefano Maestri (00:28)",
  "e poi magari vi racconto",
  "",
  "anche del carpati wiki.",
  "",
  "Niccolò D'Agostino-Rossi (1:02:03)",
  "Eccomi.",
  "",
  "J. R. Tolkien (05:09.250)",
  "Un anello.",
  "",
].join("\n");

describe("parseRiverside", () => {
  test("reads turns with speaker, start, line and paragraphs, in file order", () => {
    const transcript = parseRiverside(sample, { file: "riverside.txt" });
    expect(transcript.format).toBe("riverside");
    expect(transcript.file).toBe("riverside.txt");
    expect(transcript.segments).toEqual([
      { speaker: "Stefano Maestri", start: 1, line: 1, text: "Ciao a tutti e tutte, ciao Paolo." },
      { speaker: "Alessio Soldano", start: 4, line: 4, text: "Ciao!" },
      { speaker: "Stefano Maestri", start: 28, line: 7, text: "e poi magari vi racconto\n\nanche del carpati wiki." },
      { speaker: "Niccolò D'Agostino-Rossi", start: 3723, line: 12, text: "Eccomi." },
      { speaker: "J. R. Tolkien", start: 309.25, line: 15, text: "Un anello." },
    ]);
  });

  test("accepts a byte-order mark, CRLF line ends and no final newline; skips turns without words", () => {
    const text =
      "\uFEFFPaolo Antinori (00:05)\r\nCiao!\r\n\r\nAlessio Soldano (00:06)\r\n\r\nStefano Maestri (00:07)\r\nBene";
    expect(parseRiverside(text).segments).toEqual([
      { speaker: "Paolo Antinori", start: 5, line: 1, text: "Ciao!" },
      { speaker: "Stefano Maestri", start: 7, line: 6, text: "Bene" },
    ]);
  });

  test("a sentence that ends in a time in parentheses stays text", () => {
    const text = "Paolo Antinori (00:05)\nci vediamo alle (12:30)\n";
    expect(parseRiverside(text).segments[0]!.text).toBe("ci vediamo alle (12:30)");
  });

  test("text before the first header names the file, line and what was expected", () => {
    const error = (() => {
      try {
        parseRiverside("\nHello there\nPaolo (00:01)\nCiao", { file: "ep.txt" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(TranscriptParseError.isInstance(error)).toBe(true);
    expect((error as TranscriptParseError).line).toBe(2);
    expect((error as Error).message).toMatch(/^ep\.txt:2: expected a `Speaker Name \(MM:SS\)` header/);
  });

  test("a header whose seconds are 60 or more is refused with its line", () => {
    expect(() => parseRiverside("Paolo Antinori (00:75)\nCiao", { file: "ep.txt" })).toThrow(
      /^ep\.txt:1: expected a time/,
    );
    expect(() => parseRiverside("Paolo Antinori (1:75:00)\nCiao", { file: "ep.txt" })).toThrow(/^ep\.txt:1:/);
  });
});

const riversidePath = fileURLToPath(
  new URL("../../../../../shared/data/podcast/raw/ep49/riverside.txt", import.meta.url),
);

describe.skipIf(!existsSync(riversidePath))("parseRiverside on the real ep49 export (../shared/data)", () => {
  test("reads all 152 headers, with H:MM:SS times past the hour", () => {
    const transcript = parseRiverside(readFileSync(riversidePath, "utf8"), { file: riversidePath });
    expect(transcript.segments).toHaveLength(152);
    expect(new Set(transcript.segments.map((segment) => segment.speaker))).toEqual(
      new Set(["Stefano Maestri", "Alessio Soldano", "Paolo Antinori"]),
    );
    const last = transcript.segments.at(-1)!;
    expect(last.start).toBe(3600 + 10 * 60 + 28);
    expect(last.text).toBe("Ciao a");
    expect(transcript.segments[4]!.text).toBe("bene.");
  });
});
if (!existsSync(riversidePath)) console.warn(`skipped: the shared test data is absent (${riversidePath})`);
