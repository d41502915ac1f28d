/**
 * Samples of the products' components: `@trama/council`'s steps (members by shorthand with their options) and
 * `@trama/transcripts`' parsers, renderers, validator and fusion steps (glossaries and nested options, model steps
 * holding a generator as parameters or live).
 * @module
 */
import { BranchJoiner } from "@trama/components";
import { CouncilAggregate, CouncilAnswer, CouncilChairman, CouncilReview, CouncilTitle } from "@trama/council";
import {
  ApplyGlossary,
  AssembleEpisode,
  ChapterListParser,
  CleanFillers,
  EpisodeRenderer,
  ExpandQuery,
  episodeType,
  FixJargon,
  GlossaryParser,
  MergeEpisode,
  PostReader,
  PostToDocuments,
  PostValidator,
  parseTranscript,
  readPost,
  TitleChapters,
  TranscriptParser,
  TransferSpeakers,
} from "@trama/transcripts";
import { type ComponentSample, liveGenerator, loopback, qwen, sample } from "./sample.js";

const post = `---
title: "Episodio 49"
layout: single
---

## [00:00] Intro

**Stefano Maestri (00:01)**

> Ciao a tutti, oggi parliamo di modelli è perché.

**Paolo**

> Ciao!
`;
const riverside = "Stefano Maestri (00:01)\nCiao a tutti, oggi parliamo di cloud.\n\nPaolo Antinori (00:05)\nCiao!\n";
const captions = "0:00:01.000,0:00:04.000\nciao a tutti oggi parliamo di claude\n\n0:00:05.000,0:00:06.000\nciao\n";

/** Samples of every component type of `@trama/council` and `@trama/transcripts`. */
export function productSamples(): ComponentSample[] {
  const live = liveGenerator();
  const member = {
    name: "qwen",
    model: "ollama:qwen2.5:7b-instruct",
    modelOptions: { baseURL: loopback },
    temperature: 0.4,
    maxTokens: 900,
    maxConcurrency: 1,
  };
  const otherMember = { name: "llama", model: `openai-compatible:${loopback}/v1#llama-3.1-8b` };
  const council = { call: { maxRetries: 1, temperature: 0.6, maxTokens: 1200 }, concurrency: { [loopback]: 2 } };
  const glossary = [
    { heard: "cloud", term: "Claude", context: ["Anthropic", "modello"] },
    { heard: "carpati", term: "Karpathy", always: true },
  ];
  const episode = readPost(post);
  return [
    // @trama/council
    sample(CouncilAnswer, { member, timeoutMs: 90_000, ...council }),
    sample(CouncilReview, { member, seed: 42, timeoutMs: 60_000, ...council }),
    sample(CouncilAggregate, {}, { run: { answers: [], reviews: [] } }),
    sample(CouncilChairman, { chairman: member, members: [member, otherMember], timeoutMs: 120_000, ...council }),
    sample(CouncilTitle, { model: otherMember, timeoutMs: 15_000, ...council }),

    // @trama/transcripts
    sample(TranscriptParser, { format: "sbv" }, { run: { text: captions, file: "captions.sbv" } }),
    sample(ChapterListParser, {}, { run: { text: "00:00 Intro\n0:30 Modelli\n" } }),
    sample(PostReader, {}, { run: { text: post, file: "post.md" } }),
    sample(
      PostValidator,
      { roster: ["Paolo Antinori", "Stefano Maestri"], requiredKeys: ["title", "youtube_id"] },
      { run: { text: post } },
    ),
    sample(EpisodeRenderer, { format: "vtt", maxSeconds: 1, maxCharacters: 12 }, { run: { episode } }),
    sample(
      EpisodeRenderer,
      { format: "post", accents: "apostrophe", turnTimes: true },
      { note: "a post", run: { episode } },
    ),
    sample(
      MergeEpisode,
      {
        glossary,
        options: {
          transfer: { shortTurnWords: 3, timeTolerance: 45 },
          shortTurns: { restoreDropped: false, snapToSentences: false, before: 4, after: 6 },
          chapters: { tolerance: 10 },
          turns: { paragraphWords: 80 },
          fillers: false,
        },
      },
      { run: { speakers: parseTranscript(riverside, { format: "riverside" }), text: parseTranscript(captions) } },
    ),
    sample(GlossaryParser, {}, { run: { text: "carpati: Karpathy\ncloud: { term: Claude, context: [anthropic] }\n" } }),
    sample(TransferSpeakers, {
      transfer: { shortTurnWords: 4, timeTolerance: 30 },
      shortTurns: { restoreDropped: false, before: 2, after: 3 },
    }),
    sample(ApplyGlossary, { glossary }),
    // A joiner of a type this package names: the file saves the name, and loading must know it.
    sample(BranchJoiner, { type: episodeType }, { note: "a transcripts type" }),
    sample(CleanFillers, {}),
    sample(AssembleEpisode, { chapters: { tolerance: 12 }, turns: { paragraphWords: 60 } }),
    sample(FixJargon, { generator: qwen, glossary, options: { maxSpans: 5, context: 8 } }),
    sample(
      TitleChapters,
      { generator: live.generator, options: { minutes: 6, excerptWords: 40, maxLength: 50, fallback: "Capitolo" } },
      { note: "a live generator", overrides: { generator: live.saved } },
    ),
    sample(
      PostToDocuments,
      { maxWords: 4, indexKey: "ollama:bge-m3" },
      { run: { text: post, file: "_posts/2024-03-04-episodio-49.md" } },
    ),
    sample(ExpandQuery, { glossary, inflections: "none" }, { run: { query: "cosa dice carpati dei modelli" } }),
  ];
}
