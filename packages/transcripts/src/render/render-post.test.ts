import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { Episode } from "../model/transcript.js";
import { parsePost, readPost } from "../post/read-post.js";
import { apostropheAccents, renderPost } from "./render-post.js";

const episode: Episode = {
  meta: {
    categories: ["Interviste"],
    title: 'L\'AGI arriva "prima" di quanto credi',
    tags: ["AI", "yes", "2026"],
    date: "2026-02-04",
    layout: "episode",
    author_profile: true,
    // The interview posts write `episode_number: null`; the model types it as a number, so the fixture casts.
    episode_number: null as unknown as number,
    episode_type: "intervista",
    youtube_id: "XP2jiPxFtPk",
    duration: "PT1H35M15S",
    description:
      "L'AGI arriva prima di quanto credi. Alessandro Maserati racconta allineamento, futuro del lavoro e gap ricerca-business in Italia.",
    guest_name: "Alessandro Maserati",
    guest_bio: "AI lead, matematico di formazione.",
    header: { og_image: "/assets/images/episodes/maserati.png" },
  },
  sections: [
    {
      title: "Introduzione",
      start: 0,
      turns: [
        {
          speaker: "Stefano Maestri",
          paragraphs: ["Ciao a tutti, perché è giovedì.", "Secondo paragrafo: 2 * 3 = 6 <br>."],
        },
        { speaker: "Alessandro Maserati", paragraphs: ["Sì."] },
        { speaker: "Stefano Maestri", paragraphs: ["E quindi iniziamo"] },
      ],
    },
    {
      title: "Il futuro del lavoro",
      start: 3723,
      turns: [
        { speaker: "Stefano Maestri", paragraphs: ["con il futuro. - Non è un elenco."] },
        { speaker: "Alessandro Maserati", paragraphs: ["# Nemmeno un titolo, e un \\ backslash."] },
      ],
    },
  ],
};

const expected = `---
title: "L'AGI arriva \\"prima\\" di quanto credi"
date: 2026-02-04
layout: episode
author_profile: true

episode_number: null
episode_type: intervista
youtube_id: XP2jiPxFtPk
duration: PT1H35M15S

description: >-
  L'AGI arriva prima di quanto credi. Alessandro Maserati racconta allineamento, futuro
  del lavoro e gap ricerca-business in Italia.

guest_name: "Alessandro Maserati"
guest_bio: >-
  AI lead, matematico di formazione.

header:
  og_image: /assets/images/episodes/maserati.png

categories:
  - Interviste
tags:
  - AI
  - "yes"
  - "2026"
---

## **[00:00] Introduzione**

**Stefano Maestri**

> Ciao a tutti, perché è giovedì.

> Secondo paragrafo: 2 \\* 3 = 6 \\<br>.

**Alessandro Maserati**

> Sì.

**Stefano Maestri**

> E quindi iniziamo

## **[1:02:03] Il futuro del lavoro**

**Stefano Maestri**

> con il futuro. - Non è un elenco.

**Alessandro Maserati**

> \\# Nemmeno un titolo, e un \\\\ backslash.
`;

describe("renderPost", () => {
  test("writes the show's convention: front matter at byte 0 in their order, bold-bracket chapters, speakers, quotes", () => {
    expect(renderPost(episode)).toBe(expected);
  });

  test("reading the rendered post gives back the same episode", () => {
    expect(readPost(renderPost(episode))).toEqual(episode);
    const timed: Episode = {
      meta: { title: "t" },
      preamble: '{% include video id="x" provider="youtube" %}',
      sections: [{ title: "", turns: [{ speaker: "A", start: 62, paragraphs: ["uno"] }] }],
      postamble: "👉 [Ascolta](https://example.com)<br/>",
    };
    expect(readPost(renderPost(timed, { turnTimes: true }))).toEqual(timed);
  });

  test("writes accents as apostrophes when asked, as the ep20 and ep49 posts do", () => {
    expect(apostropheAccents("È vero, perché è così: città, più, Mélanie")).toBe(
      "E' vero, perche' e' cosi': citta', piu', Mélanie",
    );
    const post = renderPost(episode, { accents: "apostrophe" });
    expect(post).toContain("> Ciao a tutti, perche' e' giovedi'.");
    expect(post).toContain('guest_name: "Alessandro Maserati"');
  });
});

const dataDir = fileURLToPath(new URL("../../../../../shared/data/podcast/", import.meta.url));

describe.skipIf(!existsSync(dataDir))("renderPost on the real posts (../shared/data)", () => {
  const posts = existsSync(dataDir)
    ? [...readdirSync(`${dataDir}posts`).map((name) => `${dataDir}posts/${name}`), `${dataDir}raw/ep49/post.md`]
    : [];
  test.each(posts)("%s: rendering what was read and reading it again gives the same episode", (path) => {
    const read = readPost(readFileSync(path, "utf8"));
    expect(readPost(renderPost(read, { turnTimes: true }))).toEqual(read);
  });

  test("the ep49 post's body is reproduced byte for byte, its front matter but for a comment and line folding", () => {
    const text = readFileSync(`${dataDir}raw/ep49/post.md`, "utf8");
    const rendered = renderPost(readPost(text));
    const original = parsePost(text);
    const again = parsePost(rendered);
    expect(again.frontMatter.body.join("\n")).toBe(original.frontMatter.body.join("\n"));
    const withoutComments = original.frontMatter.yaml.split("\n").filter((line) => !line.startsWith("#"));
    const unfold = (lines: string[]) => lines.join("\n").replace(/\n {2}(?=\S)/g, " ");
    expect(unfold(again.frontMatter.yaml.split("\n"))).toBe(unfold(withoutComments).replace(" \n  a un", " a un"));
  });
});
if (!existsSync(dataDir)) console.warn(`skipped: the shared test data is absent (${dataDir})`);
