import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parseChapters } from "./chapters.js";
import { TranscriptParseError } from "./parse-error.js";

describe("parseChapters", () => {
  test("reads MM:SS and H:MM:SS lines of mixed precision", () => {
    expect(parseChapters("00:00 Intro\n5:09 Post-mortem\n1:09:25 Chiusura\n")).toEqual([
      { start: 0, title: "Intro", line: 1 },
      { start: 309, title: "Post-mortem", line: 2 },
      { start: 4165, title: "Chiusura", line: 3 },
    ]);
  });

  test("accepts bullets, brackets, separators, a label, fences, BOM and CRLF", () => {
    const text =
      "\uFEFFChapters:\r\n```\r\n- 00:00 - Intro\r\n* [01:05] Thumbnail\r\n• (05:09) – Bug\r\n3. 11:01: GPT | 5.5\r\n```\r\n";
    expect(parseChapters(text).map(({ start, title }) => [start, title])).toEqual([
      [0, "Intro"],
      [65, "Thumbnail"],
      [309, "Bug"],
      [661, "GPT | 5.5"],
    ]);
  });

  test("reads only the list under a chapters heading inside a longer file", () => {
    const text = [
      "# Promo",
      "Drop at 13:00 Saturday",
      "",
      "# 3. Chapters YouTube",
      "",
      "```",
      "00:00 Intro",
      "01:05 Thumbnail",
      "```",
      "",
      "**Totale: 2 chapter**",
      "Capitoli:",
      "00:00 Intro",
    ].join("\n");
    expect(parseChapters(text, { file: "promo.md" })).toEqual([
      { start: 0, title: "Intro", line: 7 },
      { start: 65, title: "Thumbnail", line: 8 },
    ]);
  });

  test("a line that is not a chapter names its file and line", () => {
    expect(() => parseChapters("00:00 Intro\nthis is not a chapter\n", { file: "chapters.txt" })).toThrow(
      /^chapters\.txt:2: expected a chapter line such as `05:09 Title`/,
    );
  });

  test("a time that goes backwards is refused", () => {
    let error: unknown;
    try {
      parseChapters("00:00 Intro\n10:00 B\n09:59 C\n", { file: "c.txt" });
    } catch (caught) {
      error = caught;
    }
    expect(TranscriptParseError.isInstance(error)).toBe(true);
    expect((error as TranscriptParseError).line).toBe(3);
    expect((error as Error).message).toContain("a time after the previous chapter's (10:00, line 2)");
  });

  test("an empty list is refused", () => {
    expect(() => parseChapters("\n\n", { file: "c.txt" })).toThrow(/^c\.txt:1: expected at least one chapter line/);
    expect(() => parseChapters("## Chapters\n\nnone yet\n", { file: "c.md" })).toThrow(/^c\.md:3:/);
  });
});

const promoPath = fileURLToPath(new URL("../../../../../shared/data/podcast/raw/ep49/promo.md", import.meta.url));

describe.skipIf(!existsSync(promoPath))("parseChapters on the real ep49 promo.md (../shared/data)", () => {
  test("finds the twelve chapters of the Chapters YouTube block", () => {
    const chapters = parseChapters(readFileSync(promoPath, "utf8"), { file: promoPath });
    expect(chapters).toHaveLength(12);
    expect(chapters[0]).toEqual({ start: 0, title: "Intro: Claude, GPT 5.5, Gemma obliterata", line: 64 });
    expect(chapters.at(-1)).toEqual({ start: 4165, title: "Chiusura", line: 75 });
  });
});
if (!existsSync(promoPath)) console.warn(`skipped: the shared test data is absent (${promoPath})`);
