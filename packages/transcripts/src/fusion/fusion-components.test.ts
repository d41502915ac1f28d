import { ComponentRegistry, Pipeline } from "@trama/core";
import { components as models } from "@trama/models";
import { type LoopbackServer, sendJson, startLoopbackServer } from "@trama/models/testing";
import { afterEach, describe, expect, it } from "vitest";
import { components } from "../components.js";
import type { Episode } from "../model/transcript.js";
import { ChapterListParser, TranscriptParser } from "../parsers/parser-components.js";
import { EpisodeRenderer } from "../render/episode-renderer.js";
import { ApplyGlossary, AssembleEpisode, CleanFillers, MergeEpisode, TransferSpeakers } from "./fusion-components.js";
import type { MergeReport } from "./merge-episode.js";
import { FixJargon, TitleChapters } from "./model-components.js";

const riverside = `Stefano Maestri (00:00)
Ciao a tutti, oggi parliamo di Claude Code. Allora, eh, partiamo dalle notizie della settimana.

Paolo Antinori (00:03)
Ciao!

Stefano Maestri (00:12)
La prima notizia riguarda il wiki di Karpathy.
`;
const captions = `0:00:00.000,0:00:04.000
Ciao a tutti, oggi parliamo di cloud code.

0:00:04.000,0:00:06.000
Ciao! Allora, eh, partiamo dalle notizie

0:00:06.000,0:00:12.000
della settimana. La prima notizia riguarda il wiki di Karpathy.
`;
const chapters = "00:00 Intro\n00:10 Il wiki di Karpathy\n";
const inputs = {
  speakers: { text: riverside, file: "riverside.txt" },
  text: { text: captions, file: "captions.sbv" },
  chapters: { text: chapters },
};

function parsers(pipeline: Pipeline) {
  return pipeline
    .add("speakers", TranscriptParser({ format: "riverside" }))
    .add("text", TranscriptParser())
    .add("chapters", ChapterListParser());
}

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("fusion components", () => {
  it("MergeEpisode fuses parsed sources into an episode the renderer writes as a post", async () => {
    const pipeline = parsers(new Pipeline())
      .add("merge", MergeEpisode({ glossary: [{ heard: "cloud code", term: "Claude Code" }] }))
      .add("post", EpisodeRenderer())
      .connect("speakers.transcript", "merge.speakers")
      .connect("text.transcript", "merge.text")
      .connect("chapters.chapters", "merge.chapters")
      .connect("merge.episode", "post.episode");
    const result = await pipeline.run({ ...inputs, merge: { meta: { title: "Puntata 1", layout: "episode" } } });
    expect(result.post!.text).toBe(`---
title: "Puntata 1"
layout: episode
---

## **[00:00] Intro**

**Stefano Maestri**

> Ciao a tutti, oggi parliamo di Claude Code.

**Paolo Antinori**

> Ciao!

**Stefano Maestri**

> Allora, partiamo dalle notizie della settimana.

## **[00:10] Il wiki di Karpathy**

**Stefano Maestri**

> La prima notizia riguarda il wiki di Karpathy.
`);
  });

  it("the step components make the same episode, and the pipeline saves to YAML and loads back", async () => {
    const steps = parsers(new Pipeline())
      .add("transfer", TransferSpeakers())
      .add("glossary", ApplyGlossary({ glossary: [{ heard: "cloud code", term: "Claude Code" }] }))
      .add("fillers", CleanFillers())
      .add("assemble", AssembleEpisode({ turns: { paragraphWords: 50 } }))
      .connect("speakers.transcript", "transfer.speakers")
      .connect("text.transcript", "transfer.text")
      .connect("transfer.fused", "glossary.fused")
      .connect("glossary.fused", "fillers.fused")
      .connect("fillers.fused", "assemble.fused")
      .connect("chapters.chapters", "assemble.chapters");
    const loaded = Pipeline.fromYAML(steps.toYAML(), { registry: new ComponentRegistry(components) });
    const merged = parsers(new Pipeline())
      .add("merge", MergeEpisode({ glossary: [{ heard: "cloud code", term: "Claude Code" }] }))
      .connect("speakers.transcript", "merge.speakers")
      .connect("text.transcript", "merge.text")
      .connect("chapters.chapters", "merge.chapters");
    const [fromSteps, fromMerge] = await Promise.all([loaded.run(inputs), merged.run(inputs)]);
    expect(fromSteps.assemble!.episode).toEqual(fromMerge.merge!.episode);
    expect((fromSteps.assemble!.report as MergeReport).glossary).toMatchObject([
      { from: "cloud code.", to: "Claude Code." },
    ]);
  });

  it("model steps save their generator as configuration, load back, and run against a model server", async () => {
    const server = await startLoopbackServer({
      "POST /v1/chat/completions": (request, response) => {
        const prompt = (request.body.messages as Array<{ content: string }>).at(-1)!.content;
        const content = prompt.startsWith("Chapter 1")
          ? JSON.stringify({ titles: ["Notizie e wiki"] })
          : JSON.stringify({
              passage: prompt
                .match(/<<<\n(.*)\n>>>/)![1]!
                .replace(/[⟦⟧]/g, "")
                .replace("cloud code", "Claude Code"),
            });
        sendJson(response, 200, {
          id: "x",
          object: "chat.completion",
          created: 1,
          model: "m",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        });
      },
    });
    servers.push(server);
    const generator = { model: `openai-compatible:${server.url}/v1#m`, maxRetries: 0 };
    const pipeline = new Pipeline()
      .add("speakers", TranscriptParser({ format: "riverside" }))
      .add("text", TranscriptParser())
      .add("transfer", TransferSpeakers())
      .add("jargon", FixJargon({ generator }))
      .add("titles", TitleChapters({ generator, options: { minutes: 5 } }))
      .add("assemble", AssembleEpisode())
      .connect("speakers.transcript", "transfer.speakers")
      .connect("text.transcript", "transfer.text")
      .connect("transfer.fused", "jargon.fused")
      .connect("jargon.fused", "titles.fused")
      .connect("jargon.fused", "assemble.fused")
      .connect("titles.chapters", "assemble.chapters");
    const yaml = pipeline.toYAML();
    expect(yaml).toContain(`model: openai-compatible:${server.url}/v1#m`);
    const loaded = Pipeline.fromYAML(yaml, { registry: new ComponentRegistry(components, models) });
    const result = await loaded.run({ speakers: inputs.speakers, text: inputs.text });
    const episode = result.assemble!.episode as Episode;
    expect(episode.sections.map((section) => section.title)).toEqual(["Notizie e wiki"]);
    expect(episode.sections[0]!.turns[0]!.paragraphs[0]).toBe("Ciao a tutti, oggi parliamo di Claude code.");
    expect((result.assemble!.report as MergeReport).jargon).toMatchObject([{ span: "cloud", outcome: "accepted" }]);
  });
});
