import { ComponentRegistry, Pipeline, PipelineDefinitionError } from "@trama/core";
import { describe, expect, test } from "vitest";
import { components } from "./components.js";
import { ChapterListParser, TranscriptParser } from "./parsers/parser-components.js";
import { PostReader } from "./post/post-reader-component.js";
import { EpisodeRenderer } from "./render/episode-renderer.js";
import { PostValidator } from "./validate/post-validator-component.js";

const post = `---
title: "Titolo"
layout: single
categories:
  - Puntate
tags:
  - AI
---

## [00:00] Intro

**Stefano Maestri (00:01)**

> Ciao a tutti.

**Paolo**

> Ciao!
`;

function formatsPipeline() {
  return new Pipeline()
    .add("reader", PostReader())
    .add("post", EpisodeRenderer({ accents: "apostrophe" }))
    .add("vtt", EpisodeRenderer({ format: "vtt", maxSeconds: 4 }))
    .add("validator", PostValidator({ roster: ["Stefano Maestri", "Paolo Antinori"] }))
    .add("parser", TranscriptParser({ format: "riverside" }))
    .add("chapters", ChapterListParser())
    .connect("reader.episode", "post.episode")
    .connect("reader.episode", "vtt.episode")
    .connect("post.text", "validator.text");
}

const inputs = {
  reader: { text: post, file: "post.md" },
  parser: { text: "Stefano Maestri (00:01)\nCiao a tutti.\n" },
  chapters: { text: "00:00 Intro\n1:02:03 Fine\n" },
};

describe("transcripts format components", () => {
  test("run in a pipeline: read a post, render it as a post and as captions, validate, parse sources", async () => {
    const result = await formatsPipeline().run(inputs, { includeOutputsFrom: ["post"] });
    expect(result.post!.text).toContain("## **[00:00] Intro**\n\n**Stefano Maestri**\n\n> Ciao a tutti.");
    expect(result.vtt!.text).toBe(
      // Without ends, turns last as long as their words take to say (15 characters a second).
      "WEBVTT\n\n00:00:01.000 --> 00:00:01.933\n<v Stefano Maestri>Ciao a tutti.</v>\n\n00:00:01.933 --> 00:00:02.333\n<v Paolo>Ciao!</v>\n",
    );
    expect(result.validator!.valid).toBe(false);
    expect(result.validator!.validation!.issues.map((issue) => issue.rule)).toEqual(["speaker-roster"]);
    expect(result.parser!.transcript!.segments).toEqual([
      { text: "Ciao a tutti.", start: 1, speaker: "Stefano Maestri", line: 1 },
    ]);
    expect(result.chapters!.chapters!).toEqual([
      { start: 0, title: "Intro", line: 1 },
      { start: 3723, title: "Fine", line: 2 },
    ]);
  });

  test("save to YAML and load back with the package's manifest, running the same", async () => {
    const pipeline = formatsPipeline();
    const loaded = Pipeline.fromYAML(pipeline.toYAML(), { registry: new ComponentRegistry(components) });
    expect(loaded.toYAML()).toBe(pipeline.toYAML());
    expect(await loaded.run(inputs)).toEqual(await pipeline.run(inputs));
  });

  test("unknown formats are refused when the component is built", () => {
    expect(() => TranscriptParser({ format: "docx" as never })).toThrow(PipelineDefinitionError);
    expect(() => EpisodeRenderer({ format: "pdf" as never })).toThrow(/use post, vtt, podcast-json/);
  });
});
