import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sendJson, startLoopbackServer } from "@trama/models/testing";
import { afterAll, describe, expect, test } from "vitest";
import { runCliCaptured } from "../testing.js";
import { episodeKey } from "./transcripts-merge-files.js";

const folder = mkdtempSync(join(tmpdir(), "trama-transcripts-merge-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  mkdirSync(join(folder, name, ".."), { recursive: true });
  writeFileSync(join(folder, name), text);
};
const run = (...args: string[]) => runCliCaptured(["transcripts", "merge", ...args], { cwd: folder });

const riverside = `Stefano Maestri (00:00)
Ciao a tutti, oggi parliamo del wiki di carpati. Allora, eh, partiamo dalle notizie della settimana.

Paolo Antinori (00:03)
Ciao!

Stefano Maestri (00:12)
La prima notizia riguarda OpenAI.
`;
const captions = `0:00:00.000,0:00:04.000
Ciao a tutti, oggi parliamo del wiki di Karpathy.

0:00:04.000,0:00:06.000
Ciao! Allora, eh, partiamo dalle notizie

0:00:06.000,0:00:12.000
della settimana. La prima notizia riguarda OpenAI.
`;
write("ep49/riverside.txt", riverside);
write("ep49/captions.sbv", captions);
write("ep49/chapters.txt", "00:00 Intro\n00:10 Notizie\n");
write(
  "ep49/episode.yaml",
  `title: "Puntata 49"
date: 2026-04-25
layout: episode
episode_number: 49
episode_type: numerato
youtube_id: OHoJ-ZE68_Q
duration: PT1M
description: Le notizie della settimana.
categories: [Puntate]
tags: [AI, Karpathy]
`,
);
write("glossary.yaml", "carpati: Karpathy\n");

const post = `---
title: "Puntata 49"
date: 2026-04-25
layout: episode

episode_number: 49
episode_type: numerato
youtube_id: OHoJ-ZE68_Q
duration: PT1M

description: >-
  Le notizie della settimana.

categories:
  - Puntate
tags:
  - AI
  - Karpathy
---

## **[00:00] Intro**

**Stefano Maestri**

> Ciao a tutti, oggi parliamo del wiki di Karpathy.

**Paolo Antinori**

> Ciao!

## **[00:10] Notizie**

**Stefano Maestri**

> Allora, partiamo dalle notizie della settimana. La prima notizia riguarda OpenAI.
`;

describe("trama transcripts merge", () => {
  test("fuses one episode into the show's post, which the validator accepts", async () => {
    const merged = await run(
      "--speakers=ep49/riverside.txt",
      "--text=ep49/captions.sbv",
      "--chapters=ep49/chapters.txt",
      "--meta=ep49/episode.yaml",
      "--out=ep49/post.md",
      "--report=ep49/report.json",
    );
    expect(merged.stderr).toMatch(
      /^\d+ words, \d+% agreeing, 1 interjections \(0 restored\), 2 chapters, 0 glossary fixes, 1 fillers removed → ep49\/post\.md\n$/,
    );
    expect(merged.code).toBe(0);
    expect(readFileSync(join(folder, "ep49/post.md"), "utf8")).toBe(post);
    const report = JSON.parse(readFileSync(join(folder, "ep49/report.json"), "utf8"));
    expect(report.fillers).toEqual([{ index: 11, text: "eh,", rule: "hesitation" }]);
    const validated = await runCliCaptured(
      ["transcripts", "validate", "ep49/post.md", "--roster=Stefano Maestri,Paolo Antinori"],
      { cwd: folder },
    );
    expect(validated.stdout).toBe("ep49/post.md: ok\n1 post: no errors, 0 warnings.\n");
    expect(validated.code).toBe(0);
  });

  test("prints to stdout, writes WebVTT and JSON, applies the glossary, and works from the speaker source alone", async () => {
    const vtt = await run("--speakers=ep49/riverside.txt", "--text=ep49/captions.sbv", "--format=vtt");
    expect(vtt.stdout).toMatch(/^WEBVTT\n\n00:00:00\.000 --> .*\n<v Stefano Maestri>Ciao a tutti/);
    const json = await run(
      "--speakers=ep49/riverside.txt",
      "--format=json",
      "--glossary=glossary.yaml",
      "--meta=ep49/episode.yaml",
    );
    const transcript = JSON.parse(json.stdout);
    expect(transcript.version).toBe("1.0.0");
    expect(transcript.segments[0].speaker).toBe("Stefano Maestri");
    // The speaker source alone heard "carpati"; the glossary fixes it because the episode's tags name Karpathy…
    expect(transcript.segments[0].body).toContain("wiki di Karpathy.");
    // …and leaves it without that evidence.
    const plain = await run("--speakers=ep49/riverside.txt", "--format=json", "--glossary=glossary.yaml");
    expect(JSON.parse(plain.stdout).segments[0].body).toContain("wiki di carpati.");
  });

  test("says at once when the merged post would not pass the validator, such as without --meta", async () => {
    const merged = await run("--speakers=ep49/riverside.txt", "--text=ep49/captions.sbv", "--out=ep49/bare.md");
    expect(merged.code).toBe(0);
    expect(readFileSync(join(folder, "ep49/bare.md"), "utf8")).toMatch(/^---\n---\n\n\*\*Stefano Maestri\*\*\n/);
    expect(merged.stderr).toContain("The post would not pass trama transcripts validate:\nep49/bare.md:1: error");
    expect(merged.stderr).toContain("ep49/bare.md:1: error [required-key] The front matter has no `title`; add it.");
    expect(merged.stderr).toContain("Give the episode's front matter with --meta");
    const validated = await runCliCaptured(["transcripts", "validate", "ep49/bare.md"], { cwd: folder });
    expect(validated.code).toBe(1);
  });

  test("merges folders by episode with a progress bar, and reports episodes it cannot merge", async () => {
    write("batch/riverside/ep1.riverside.txt", riverside);
    write("batch/riverside/ep2.riverside.txt", riverside.replace("OpenAI", "Anthropic"));
    write("batch/riverside/ep3.riverside.txt", riverside);
    write("batch/captions/ep1.sbv", captions);
    write("batch/captions/ep2.sbv", captions.replace("OpenAI", "Anthropic"));
    write("batch/captions/ep3.sbv", "0:00:00.000,0:00:04.000\nciao\n\nnot a time\nciao\n");
    write("batch/chapters/ep1-chapters.txt", "00:00 Intro\n");
    mkdirSync(join(folder, "batch/out"));
    const result = await run(
      "--speakers=batch/riverside",
      "--text=batch/captions",
      "--chapters=batch/chapters",
      "--out=batch/out",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Merging: +\d+% \d\/3 episodes/m);
    expect(result.stderr).toContain(
      "Merging: 100% 3/3 episodes 2 merged, 2 would not pass: trama transcripts validate batch/out",
    );
    expect(result.stderr).toContain(
      "batch/riverside/ep3.riverside.txt: batch/captions/ep3.sbv:4: expected a timing line",
    );
    expect(readFileSync(join(folder, "batch/out/1.md"), "utf8")).toContain("## **[00:00] Intro**");
    expect(readFileSync(join(folder, "batch/out/2.md"), "utf8")).toContain("riguarda Anthropic.");
  });

  test("warns when the captions hardly agree with the recording tool's words, as another episode's would", async () => {
    write("ep49/other.sbv", "0:00:00.000,0:00:09.000\nTutt'altra storia: ricette di cucina, pasta e fagioli.\n");
    const merged = await run("--speakers=ep49/riverside.txt", "--text=ep49/other.sbv", "--out=ep49/other.md");
    expect(merged.code).toBe(0);
    expect(merged.stderr).toMatch(
      /Only \d+% of the words of ep49\/other\.sbv agree with ep49\/riverside\.txt: check that both are the same episode's\./,
    );
    const right = await run("--speakers=ep49/riverside.txt", "--text=ep49/captions.sbv", "--out=ep49/right.md");
    expect(right.stderr).not.toContain("Only");
  });

  test("explains usage errors and names the file at fault", async () => {
    const missing = await run("--text=ep49/captions.sbv");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Name the recording tool's export with --speakers.");
    expect(missing.stderr).toContain("Usage: trama transcripts merge");
    const absent = await run("--speakers=nope.txt");
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain("Cannot read 'nope.txt': ENOENT.");
    write("bad-glossary.yaml", "carpati: [Karpathy\n");
    const badGlossary = await run("--speakers=ep49/riverside.txt", "--glossary=bad-glossary.yaml");
    expect(badGlossary.code).toBe(1);
    expect(badGlossary.stderr).toMatch(/^trama transcripts: bad-glossary\.yaml:\d+: expected valid YAML/);
    const noSpeakers = await run("--speakers=ep49/captions.sbv");
    expect(noSpeakers.code).toBe(1);
    expect(noSpeakers.stderr).toContain("'ep49/captions.sbv' names no speakers");
  });

  test("uses a model for chapter titles when there is no list", async () => {
    const server = await startLoopbackServer({
      "POST /v1/chat/completions": (_request, response) =>
        sendJson(response, 200, {
          id: "x",
          object: "chat.completion",
          created: 1,
          model: "m",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: '{"titles": ["Notizie della settimana"]}' },
              finish_reason: "stop",
            },
          ],
        }),
    });
    try {
      const result = await run(
        "--speakers=ep49/riverside.txt",
        "--text=ep49/captions.sbv",
        `--model=openai-compatible:${server.url}/v1#m`,
        "--no-jargon",
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("## **[00:00] Notizie della settimana**");
    } finally {
      await server.close();
    }
  });

  test("matches files by episode number", () => {
    expect(episodeKey("ep49.riverside.txt")).toBe("49");
    expect(episodeKey("puntata-049.sbv")).toBe("49");
    expect(episodeKey("49.yaml")).toBe("49");
    expect(episodeKey("intervista-fusco-riverside.txt")).toBe("intervista-fusco");
    expect(episodeKey("intervista-fusco.vtt")).toBe("intervista-fusco");
  });
});
