/**
 * Chapter titles by a language model, for episodes without a chapter list: the episode is cut into chapters of about
 * `minutes` each, at the turn start nearest each cut (else the sentence start), and the model titles each from its
 * opening words. Titles are not transcript words, so the model cannot change what was said; they are read from its
 * JSON reply as plain single lines, and a chapter whose title is missing gets a numbered one.
 * @module
 */
import type { Chapter } from "../model/transcript.js";
import type { FusedWord } from "./fused-word.js";
import { askForJson, fence, type GeneratorInput, plainLine, toGenerator } from "./llm-reply.js";

/** Options of `titleChapters`. */
export interface TitleOptions {
  /** About how long a chapter is, in minutes. Default 8. */
  minutes?: number;
  /** Words of each chapter shown to the model. Default 250. */
  excerptWords?: number;
  /** Longest title, in characters. Default 70. */
  maxLength?: number;
  /** Title of a chapter the model gave none for; `{n}` is its number. Default "Parte {n}". */
  fallback?: string;
}

const SYSTEM = [
  "You title the chapters of an Italian podcast episode. You get the opening words of each chapter, numbered.",
  "Give each chapter a short, specific title in Italian, at most eight words, naming its topic.",
  'Reply with JSON only: {"titles": ["<title of chapter 1>", "<title of chapter 2>", …]}, one title per chapter, in order.',
].join(" ");

/** The chapters of an episode without a list: where they start, and their titles from the model. */
export async function titleChapters(input: {
  words: readonly FusedWord[];
  generator: GeneratorInput;
  options?: TitleOptions;
  signal?: AbortSignal;
}): Promise<{ chapters: Chapter[]; reply: string; titled: number }> {
  const options = input.options ?? {};
  const starts = chapterStarts(input.words, (options.minutes ?? 8) * 60);
  const excerptWords = options.excerptWords ?? 250;
  const excerpts = starts.map((start, index) => {
    const end = Math.min(starts[index + 1] ?? input.words.length, start + excerptWords);
    const text = input.words
      .slice(start, end)
      .map((word) => word.text)
      .join(" ");
    return `Chapter ${index + 1}:\n${fence(text)}`;
  });
  const { value, reply } = await askForJson({
    generator: toGenerator(input.generator),
    system: SYSTEM,
    user: excerpts.join("\n\n"),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const titles = Array.isArray(value?.titles) ? value.titles : [];
  let titled = 0;
  const chapters = starts.map((start, index) => {
    const title = plainLine(titles[index], options.maxLength ?? 70);
    if (title) titled++;
    return {
      start: input.words[start]!.start ?? 0,
      title: title ?? (options.fallback ?? "Parte {n}").replace("{n}", String(index + 1)),
    };
  });
  return { chapters, reply, titled };
}

/**
 * Word indices where chapters start: the first word, then about every `seconds`, at the start of a turn (not a short
 * interjection) within a quarter of a chapter of the cut, else at the nearest sentence start.
 */
export function chapterStarts(words: readonly FusedWord[], seconds: number): number[] {
  if (words.length === 0) return [];
  const duration = (words[words.length - 1]!.start ?? 0) - (words[0]!.start ?? 0);
  const count = Math.max(1, Math.round(duration / seconds));
  const starts = [0];
  for (let chapter = 1; chapter < count; chapter++) {
    const target = (words[0]!.start ?? 0) + (duration * chapter) / count;
    const previous = starts[starts.length - 1]!;
    const pick =
      nearest(words, previous, target, seconds / 4, true) ?? nearest(words, previous, target, seconds / 2, false);
    if (pick !== undefined) starts.push(pick);
  }
  return starts;
}

function nearest(
  words: readonly FusedWord[],
  after: number,
  target: number,
  window: number,
  turnStarts: boolean,
): number | undefined {
  let best: number | undefined;
  for (let index = after + 1; index < words.length; index++) {
    const word = words[index]!;
    const time = word.start ?? 0;
    if (time > target + window) break;
    if (time < target - window || !word.sentenceStart || word.shortTurn !== undefined) continue;
    if (turnStarts && words[index - 1]!.speaker === word.speaker) continue;
    if (best === undefined || Math.abs(time - target) < Math.abs((words[best]!.start ?? 0) - target)) best = index;
  }
  return best;
}
