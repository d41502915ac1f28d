/**
 * The fusion's model steps as pipeline components. Each holds a chat generator, saved in pipeline files as the
 * generator's own configuration (its model shorthand and settings, secrets as variable names).
 * @module
 */
import { defineComponent, type LoadContext, t } from "@trama/core";
import { ChatGenerator, type ChatGeneratorParams } from "@trama/models";
import { chapterType } from "../model/socket-types.js";
import { fusedWordsType } from "./fusion-components.js";
import type { GlossaryEntry } from "./glossary.js";
import { fixJargon, type JargonOptions } from "./llm-jargon.js";
import { type TitleOptions, titleChapters } from "./llm-titles.js";

/** What model components take: a generator or its parameters. */
interface ModelParams {
  generator: ChatGenerator | ChatGeneratorParams;
}

const generatorOf = (params: ModelParams) =>
  params.generator instanceof ChatGenerator ? params.generator : new ChatGenerator(params.generator);

const saveGenerator = (params: ModelParams) => ({ ...params, generator: generatorOf(params).toConfig() });

const loadGenerator = <P extends ModelParams>(config: Record<string, unknown>, context: LoadContext): P =>
  ({
    ...config,
    generator: ChatGenerator.fromConfig((config.generator ?? {}) as Record<string, unknown>, context),
  }) as P;

/** Parameters of `FixJargon`. */
export interface FixJargonParams extends ModelParams {
  /** The show's glossary terms are offered to the model as hints. */
  glossary?: GlossaryEntry[];
  options?: JargonOptions;
}

/** Jargon fixes by a model in the spans where the sources disagree, checked against the sources (`fixJargon`). */
export const FixJargon = defineComponent({
  type: "transcripts.FixJargon",
  inputs: { fused: fusedWordsType },
  outputs: { fused: fusedWordsType },
  state: (params: FixJargonParams) => ({ generator: generatorOf(params) }),
  run: async ({ fused }, { params, state }, context) => {
    const result = await fixJargon({
      words: fused.words,
      speakerWords: fused.transfer.speakerWords,
      generator: state.generator,
      glossary: params.glossary ?? [],
      options: params.options ?? {},
      signal: context.signal,
    });
    return { fused: { ...fused, words: result.words, jargon: [...(fused.jargon ?? []), ...result.fixes] } };
  },
  toConfig: saveGenerator,
  fromConfig: (config, context) => loadGenerator<FixJargonParams>(config, context),
});

/** Parameters of `TitleChapters`. */
export interface TitleChaptersParams extends ModelParams {
  options?: TitleOptions;
}

/**
 * Chapters for an episode without a list: cut about every few minutes and titled by a model (`titleChapters`). A
 * non-empty `chapters` input passes through untouched, so the component can sit in every pipeline.
 */
export const TitleChapters = defineComponent({
  type: "transcripts.TitleChapters",
  inputs: { fused: fusedWordsType, chapters: t.list(chapterType).optional() },
  outputs: { chapters: t.list(chapterType) },
  state: (params: TitleChaptersParams) => ({ generator: generatorOf(params) }),
  run: async ({ fused, chapters }, { params, state }, context) => {
    if (chapters && chapters.length > 0) return { chapters };
    const titled = await titleChapters({
      words: fused.words,
      generator: state.generator,
      options: params.options ?? {},
      signal: context.signal,
    });
    return { chapters: titled.chapters };
  },
  toConfig: saveGenerator,
  fromConfig: (config, context) => loadGenerator<TitleChaptersParams>(config, context),
});
