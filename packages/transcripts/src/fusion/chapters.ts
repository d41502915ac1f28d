/**
 * Chapter placement: each chapter of the hosts' list starts at a sentence start near its time, inside a monologue if
 * need be (the turn is then split and its speaker named again after the heading). The list's times are rough (±15 s
 * is typical), so every sentence start within that tolerance may be the true one: each is weighed by whether it
 * starts a turn and by how much more the words after it than before it speak of the chapter's title, and the start
 * chosen is the one whose neighbourhood (± tolerance, its edge blurred by the word times' error) holds the most of
 * that weight.
 * @module
 */
import type { Chapter } from "../model/transcript.js";
import { titleGain, titleStems, wordStems } from "./chapter-evidence.js";
import type { FusedWord } from "./fused-word.js";
import { endsSentence } from "./normalize.js";

/** Options of `placeChapters`. */
export interface ChapterOptions {
  /** How far from its listed time a chapter may start, in seconds. Default 15. */
  tolerance?: number;
}

/** Where a chapter was placed. */
export interface ChapterPlacement {
  chapter: Chapter;
  /** Index of the chapter's first word. */
  word: number;
  /** The first word's time minus the listed time, in seconds. */
  offset: number;
  /** Whether the first word starts a sentence, and whether it starts a turn. */
  sentenceStart: boolean;
  turnStart: boolean;
}

/**
 * How the evidence is weighed. The listed time is only known to ±tolerance, so every sentence start within it may be
 * the true start; two chapters in three start a turn in the show's posts (`TURN_SHARE`), the title's words appearing
 * after a start rather than before it make it likelier (`TITLE_WEIGHT`). The start chosen is the one most likely
 * within the tolerance of the true start, which is what a reader of the list's times can check.
 */
const TURN_SHARE = 0.67;
const TITLE_WEIGHT = 1;
/**
 * Word times are estimates, about a second off the speech either way, so two starts near `tolerance` apart may be
 * within it or not: a neighbour at the edge counts in part, from fully at tolerance - TIME_ERROR to not at all at
 * tolerance + TIME_ERROR.
 */
const TIME_ERROR = 1;
/** How many words a turn start that falls mid-sentence may be moved to the nearest sentence start. */
const SNAP = 3;

/**
 * Places every chapter, in order, strictly after the previous one. Returns one placement per chapter that fits;
 * a chapter whose time is past the last word is not placed.
 */
export function placeChapters(input: {
  words: readonly FusedWord[];
  chapters: readonly Chapter[];
  options?: ChapterOptions;
}): ChapterPlacement[] {
  const { words } = input;
  const tolerance = input.options?.tolerance ?? 15;
  const placements: ChapterPlacement[] = [];
  const stems = wordStems(words);
  let previous = -1;
  for (const chapter of [...input.chapters].sort((first, second) => first.start - second.start)) {
    if (words.length === 0 || previous >= words.length - 1) break;
    const word =
      previous < 0 && chapter.start <= (words[0]!.start ?? 0) + tolerance
        ? 0
        : bestStart(words, stems, chapter, previous, tolerance);
    if (word === undefined) continue;
    placements.push({
      chapter,
      word,
      offset: (words[word]!.start ?? chapter.start) - chapter.start,
      sentenceStart: words[word]!.sentenceStart,
      turnStart: startsTurn(words, word),
    });
    previous = word;
  }
  return placements;
}

function bestStart(
  words: readonly FusedWord[],
  stems: readonly string[][],
  chapter: Chapter,
  previous: number,
  tolerance: number,
): number | undefined {
  const title = titleStems(chapter.title);
  const byIndex = new Map<number, { index: number; time: number; turnStart: boolean; weight: number }>();
  for (let index = previous + 1; index < words.length; index++) {
    const time = words[index]!.start ?? chapter.start;
    if (time > chapter.start + tolerance) break;
    if (time < chapter.start - tolerance || !words[index]!.sentenceStart || words[index]!.shortTurn !== undefined)
      continue;
    const turnStart = startsTurn(words, index);
    const at = turnStart ? punctuatedStart(words, index, previous) : index;
    // A turn start moved onto a sentence start already weighed keeps its evidence of a turn.
    const known = byIndex.get(at);
    if (known) known.turnStart ||= turnStart;
    else byIndex.set(at, { index: at, time: words[at]!.start ?? time, turnStart, weight: 0 });
  }
  const candidates = [...byIndex.values()];
  for (const candidate of candidates)
    candidate.weight = Math.exp(TITLE_WEIGHT * titleGain(stems, candidate.index, title));
  if (candidates.length === 0) return nearestSentenceStart(words, chapter.start, previous);
  // How likely each candidate is the true start: turn starts share TURN_SHARE of the belief, the others the rest.
  const turns = candidates.filter((candidate) => candidate.turnStart).length;
  const others = candidates.length - turns;
  for (const candidate of candidates) {
    const share = turns === 0 || others === 0 ? 1 : candidate.turnStart ? TURN_SHARE : 1 - TURN_SHARE;
    candidate.weight *= share / (candidate.turnStart ? Math.max(1, turns) : Math.max(1, others));
  }
  // The start most likely within `tolerance` of the true one: the candidate whose neighbourhood holds the most
  // belief; among equals, the likeliest itself, then the nearest to the listed time.
  let best = candidates[0]!;
  let bestCover = -1;
  for (const candidate of candidates) {
    let cover = 0;
    for (const other of candidates) cover += other.weight * withinTolerance(other.time - candidate.time, tolerance);
    const better =
      cover > bestCover + 1e-9 ||
      (Math.abs(cover - bestCover) <= 1e-9 &&
        (candidate.weight > best.weight + 1e-9 ||
          (Math.abs(candidate.weight - best.weight) <= 1e-9 &&
            Math.abs(candidate.time - chapter.start) < Math.abs(best.time - chapter.start))));
    if (better) {
      best = candidate;
      bestCover = cover;
    }
  }
  return best.index;
}

/** How surely two starts `distance` seconds apart are within `tolerance` of each other (see `TIME_ERROR`). */
function withinTolerance(distance: number, tolerance: number): number {
  return Math.min(1, Math.max(0, (tolerance + TIME_ERROR - Math.abs(distance)) / (2 * TIME_ERROR)));
}

/**
 * Whether a word starts a speaker's turn: the last word before it outside short interjections is someone else's. A
 * speaker going on after an interjection ("Ciao!") does not start a new turn.
 */
function startsTurn(words: readonly FusedWord[], index: number): boolean {
  const word = words[index]!;
  if (word.shortTurn !== undefined) return false;
  for (let at = index - 1; at >= 0; at--) {
    if (words[at]!.shortTurn === undefined) return words[at]!.speaker !== word.speaker;
  }
  return true;
}

/**
 * Where a turn that starts mid-sentence really starts: a turn boundary the speaker transfer put a word or two off
 * ("minuti? No, ‖ tocchi") leaves a lower-case word after a word that does not end a sentence. The sentence start
 * nearest it, within `SNAP` words, is where the other speaker took over; without one the turn start stands (a speaker
 * cut off mid-sentence).
 */
function punctuatedStart(words: readonly FusedWord[], index: number, previous: number): number {
  const isStart = (at: number) =>
    at > previous &&
    at < words.length &&
    words[at]!.shortTurn === undefined &&
    (at === 0 || endsSentence(words[at - 1]!.text));
  if (isStart(index) || !/^\p{Ll}/u.test(words[index]!.text)) return index;
  for (let step = 1; step <= SNAP; step++) {
    if (isStart(index - step)) return index - step;
    if (isStart(index + step)) return index + step;
  }
  return index;
}

/** Outside the tolerance: the sentence start nearest in time after `previous`, or the word nearest in time. */
function nearestSentenceStart(words: readonly FusedWord[], time: number, previous: number): number | undefined {
  let best: number | undefined;
  let bestWord: number | undefined;
  for (let index = previous + 1; index < words.length; index++) {
    const distance = Math.abs((words[index]!.start ?? time) - time);
    if (bestWord === undefined || distance < Math.abs((words[bestWord]!.start ?? time) - time)) bestWord = index;
    if (words[index]!.sentenceStart && (best === undefined || distance < Math.abs((words[best]!.start ?? time) - time)))
      best = index;
  }
  return best ?? bestWord;
}
