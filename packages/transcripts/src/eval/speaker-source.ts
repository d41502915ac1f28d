/**
 * The speaker source the evaluation feeds the fusion: the truth written as the recording tool exports it, with
 * recognition errors, and with short interjections listed after the paragraph they interrupted, at their own times.
 * @module
 */
import { formatClock } from "../parsers/clock.js";
import type { Random } from "./random.js";
import { corruptWords } from "./speech-errors.js";
import type { TruthEpisode } from "./truth.js";

/** Longest turn, in words, that counts as a short interjection. */
export const SHORT_TURN_WORDS = 4;

/** Short turns of other speakers between two turns of the same speaker: `turns[first … end - 1]`. */
export interface InterjectionGroup {
  first: number;
  end: number;
}

/** Runs of at most three short turns by others, between two turns of one speaker (the one interrupted). */
export function interjectionGroups(truth: TruthEpisode): InterjectionGroup[] {
  const groups: InterjectionGroup[] = [];
  const short = (index: number) => truth.turns[index]!.end - truth.turns[index]!.first <= SHORT_TURN_WORDS;
  for (let first = 1; first < truth.turns.length - 1; first++) {
    const host = truth.turns[first - 1]!.speaker;
    let end = first;
    while (end < truth.turns.length && end - first < 3 && short(end) && truth.turns[end]!.speaker !== host) end++;
    if (end > first && end < truth.turns.length && truth.turns[end]!.speaker === host) {
      groups.push({ first, end });
      first = end;
    }
  }
  return groups;
}

interface Block {
  speaker: string;
  time: number;
  words: string[];
}

/**
 * The recording tool's export of the truth: one `Speaker (MM:SS)` block per turn, paragraphs broken at arbitrary
 * words; an interjection group is listed, with probability `displaced`, after some words of the interrupted speaker's
 * next turn (as the tool does), and every block's words are corrupted at `rate`.
 */
export function writeSpeakerSource(options: {
  truth: TruthEpisode;
  rate: number;
  random: Random;
  displaced?: number;
}): string {
  const { truth, rate, random } = options;
  const vocabulary = truth.words.map((word) => word.text);
  const blocks: Block[] = [];
  const groupAfter = new Map(interjectionGroups(truth).map((group) => [group.first - 1, group]));
  const consumed = new Map<number, number>();
  const inGroup = new Set<number>();
  truth.turns.forEach((turn, index) => {
    if (inGroup.has(index)) return;
    const from = turn.first + (consumed.get(index) ?? 0);
    const block = blockOf(truth, from, turn.end);
    blocks.push(block);
    const group = groupAfter.get(index);
    if (!group) return;
    const next = truth.turns[group.end]!;
    const length = next.end - next.first;
    if (length < 2 || !random.chance(options.displaced ?? 0.8)) return;
    const taken = random.integer(1, Math.min(40, length - 1));
    block.words.push(...truth.words.slice(next.first, next.first + taken).map((word) => word.text));
    consumed.set(group.end, taken);
    for (let member = group.first; member < group.end; member++) {
      inGroup.add(member);
      const interjection = truth.turns[member]!;
      blocks.push(blockOf(truth, interjection.first, interjection.end));
    }
  });
  return blocks
    .map((block) => {
      const words = corruptWords({ words: block.words, rate, random, vocabulary });
      return `${block.speaker} (${formatClock(block.time)})\n${paragraphs(words, random).join("\n\n")}\n`;
    })
    .join("\n");
}

function blockOf(truth: TruthEpisode, first: number, end: number): Block {
  const word = truth.words[first]!;
  return { speaker: word.speaker, time: word.time, words: truth.words.slice(first, end).map((item) => item.text) };
}

/** Paragraphs of 25 to 90 words, broken wherever the count falls, as the recording tool breaks them. */
function paragraphs(words: string[], random: Random): string[] {
  const result: string[] = [];
  for (let index = 0; index < words.length; ) {
    const length = random.integer(25, 90);
    result.push(words.slice(index, index + length).join(" "));
    index += length;
  }
  return result.length ? result : [""];
}
