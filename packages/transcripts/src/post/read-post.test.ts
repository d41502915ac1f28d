import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { parsePost, readPost } from "./read-post.js";

const episodePost = `---
title: "Un titolo: con due punti"
date: 2026-04-25
layout: episode
episode_number: 49
episode_type: numerato
youtube_id: OHoJ-ZE68_Q
duration: PT1H10M28S
description: >-
  Una descrizione
  su due righe.
categories:
  - Puntate
tags:
  - AI
---

## **[00:00] Intro: Claude**

**Stefano Maestri**

> Ciao a tutti.

**Alessio Soldano**

> Ciao!

## **[1:09:25] Chiusura**

**Stefano Maestri**

> Prima frase.
>
> Seconda frase.

> Terza frase.
`;

describe("readPost", () => {
  test("reads front matter, bold-bracket chapters, speakers and paragraphs", () => {
    expect(readPost(episodePost)).toEqual({
      meta: {
        title: "Un titolo: con due punti",
        date: "2026-04-25",
        layout: "episode",
        episode_number: 49,
        episode_type: "numerato",
        youtube_id: "OHoJ-ZE68_Q",
        duration: "PT1H10M28S",
        description: "Una descrizione su due righe.",
        categories: ["Puntate"],
        tags: ["AI"],
      },
      sections: [
        {
          title: "Intro: Claude",
          start: 0,
          turns: [
            { speaker: "Stefano Maestri", paragraphs: ["Ciao a tutti."] },
            { speaker: "Alessio Soldano", paragraphs: ["Ciao!"] },
          ],
        },
        {
          title: "Chiusura",
          start: 4165,
          turns: [{ speaker: "Stefano Maestri", paragraphs: ["Prima frase.", "Seconda frase.", "Terza frase."] }],
        },
      ],
    });
  });

  test("reads the older styles: video include and links as preamble, other headings, inline and plain turns", () => {
    const post = [
      "---",
      "title: Vecchio",
      "layout: single",
      "---",
      "",
      '{% include video id="abc" provider="youtube" %}',
      "",
      "👉 [Ascolta su Spotify](https://example.com)<br/>",
      "",
      "# Trascrizione: Puntata 30",
      "",
      "## Into.... (00:00)",
      "",
      "**Stefano Maestri (01:02)** Ciao a tutte e tutti.",
      "",
      "Secondo paragrafo.",
      "",
      "## [01:03:31] LA COMMUNITY",
      "",
      "**Paolo**",
      "Testo semplice.",
      "",
      "---",
      "",
      "## **Senza tempo**",
      "",
      "[...]",
      "",
      "## Solo titolo",
      "**Mario Fusco:**",
      "> Fine. Boomer\\!",
      "",
      "👉 [Ascolta su Spotify](https://example.com)<br/>",
      "👉 [Segui su LinkedIn](https://example.org)<br/>",
    ].join("\n");
    const parsed = parsePost(post, { file: "old.md" });
    expect(parsed.episode.preamble).toBe(
      '{% include video id="abc" provider="youtube" %}\n\n👉 [Ascolta su Spotify](https://example.com)<br/>\n\n# Trascrizione: Puntata 30',
    );
    expect(parsed.episode.sections).toEqual([
      {
        title: "Into....",
        start: 0,
        turns: [{ speaker: "Stefano Maestri", start: 62, paragraphs: ["Ciao a tutte e tutti.", "Secondo paragrafo."] }],
      },
      { title: "LA COMMUNITY", start: 3811, turns: [{ speaker: "Paolo", paragraphs: ["Testo semplice."] }] },
      { title: "Senza tempo", turns: [] },
      { title: "Solo titolo", turns: [{ speaker: "Mario Fusco", paragraphs: ["Fine. Boomer!"] }] },
    ]);
    expect(parsed.episode.postamble).toBe(
      "👉 [Ascolta su Spotify](https://example.com)<br/>\n👉 [Segui su LinkedIn](https://example.org)<br/>",
    );
    expect(parsed.layout.sections.map((section) => section.style)).toEqual(["paren", "bracket", "bold", "plain"]);
    expect(parsed.notes).toEqual([
      { line: 23, kind: "rule", text: "---" },
      { line: 27, kind: "orphan-text", text: "[...]" },
    ]);
    expect(parsed.layout.speakers).toEqual([
      { line: 14, name: "Stefano Maestri", section: 0 },
      { line: 20, name: "Paolo", section: 1 },
      { line: 30, name: "Mario Fusco", section: 3 },
    ]);
  });

  test("turns before the first heading go in an untitled section", () => {
    const episode = readPost("---\ntitle: x\n---\n**A**\n> uno\n## [00:10] Due\n**B**\n> due\n");
    expect(episode.sections).toEqual([
      { title: "", turns: [{ speaker: "A", paragraphs: ["uno"] }] },
      { title: "Due", start: 10, turns: [{ speaker: "B", paragraphs: ["due"] }] },
    ]);
  });

  test("missing or broken front matter names the file and line", () => {
    const expectError = (text: string, pattern: RegExp) => {
      let error: unknown;
      try {
        readPost(text, { file: "post.md" });
      } catch (caught) {
        error = caught;
      }
      expect(TranscriptParseError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(pattern);
    };
    expectError("## [00:00] Intro\n", /^post\.md:1: expected a `---` line opening the YAML front matter/);
    expectError("---\ntitle: x\n## [00:00] Intro\n", /^post\.md:1: expected a closing `---` line/);
    expectError(
      "---\ntitle: x\ntags: [a\ndate: 2020\n---\n",
      /^post\.md:[34]: expected valid YAML in the front matter/,
    );
    expectError("---\ntitle: x\ntitle: y\n---\n", /^post\.md:3: expected valid YAML/);
  });
});

const postsDir = fileURLToPath(new URL("../../../../../shared/data/podcast/posts/", import.meta.url));

describe.skipIf(!existsSync(postsDir))("readPost on the 23 published posts (../shared/data)", () => {
  const names = existsSync(postsDir) ? readdirSync(postsDir).filter((name) => name.endsWith(".md")) : [];
  test.each(names)("%s: every speaker line is a turn, every heading a section", (name) => {
    const text = readFileSync(postsDir + name, "utf8");
    const parsed = parsePost(text, { file: name });
    const speakerLines = text.split("\n").filter((line) => /^\*\*[^*]+\*\*/.test(line)).length;
    const headingLines = text.split("\n").filter((line) => /^##\s/.test(line)).length;
    const turns = parsed.episode.sections.flatMap((section) => section.turns);
    expect(turns).toHaveLength(speakerLines);
    expect(parsed.episode.sections.filter((section) => section.title !== "")).toHaveLength(headingLines);
    expect(turns.every((turn) => turn.paragraphs.length > 0)).toBe(true);
    expect(typeof parsed.episode.meta.title).toBe("string");
  });
});
if (!existsSync(postsDir)) console.warn(`skipped: the shared test data is absent (${postsDir})`);
