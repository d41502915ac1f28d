/**
 * The fusion with its optional language-model steps: jargon fixes in the spans where the sources disagree, and chapter
 * titles when there is no chapter list. Every model output is checked against the sources (`checkFix`) or is not
 * transcript text at all (titles); the rest of the fusion is `mergeEpisode`'s, deterministic.
 * @module
 */
import { fixJargon, type JargonOptions } from "./llm-jargon.js";
import type { GeneratorInput } from "./llm-reply.js";
import { type TitleOptions, titleChapters } from "./llm-titles.js";
import { assembleEpisode, fuseWords, type MergeInput, type MergeResult } from "./merge-episode.js";

/** Which model steps to run, and with which generator. */
export interface ModelSteps {
  /** Any chat generator, or its parameters: `{ model: "ollama:qwen2.5:7b" }`. */
  generator: GeneratorInput;
  /** Fix jargon in low-agreement spans. Default true. */
  jargon?: boolean | JargonOptions;
  /** Title chapters when no list is given. Default true. */
  titles?: boolean | TitleOptions;
}

/** `mergeEpisode`, with the model steps in between. */
export async function mergeEpisodeWithModel(
  input: MergeInput & { model: ModelSteps; signal?: AbortSignal },
): Promise<MergeResult> {
  const fused = fuseWords(input);
  const signal = input.signal ? { signal: input.signal } : {};
  const jargon =
    input.model.jargon === false
      ? undefined
      : await fixJargon({
          words: fused.words,
          speakerWords: fused.transfer.speakerWords,
          generator: input.model.generator,
          glossary: input.glossary ?? [],
          options: typeof input.model.jargon === "object" ? input.model.jargon : {},
          ...signal,
        });
  if (jargon) {
    fused.words = jargon.words;
    fused.jargon = jargon.fixes;
  }
  let chapters = input.chapters ?? [];
  let titles: { titled: number; chapters: number } | undefined;
  if (chapters.length === 0 && input.model.titles !== false) {
    const titled = await titleChapters({
      words: fused.words,
      generator: input.model.generator,
      options: typeof input.model.titles === "object" ? input.model.titles : {},
      ...signal,
    });
    chapters = titled.chapters;
    titles = { titled: titled.titled, chapters: titled.chapters.length };
  }
  const result = assembleEpisode({ fused, chapters, meta: input.meta, options: input.options });
  if (titles) result.report.titles = titles;
  return result;
}
