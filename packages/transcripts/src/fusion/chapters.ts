/**
 * Chapter placement: each chapter of the hosts' list starts at a sentence start near its time, inside a monologue if
 * need be (the turn is then split and its speaker named again after the heading). The list's times are rough (±15 s
 * is typical), so every sentence start within that tolerance may be the true one: each is weighed by whether it
 * starts a turn and by how much more the words after it than before it speak of the chapter's title, and the start
 * chosen is the one whose neighbourhood (± tolerance) holds the most of that weight.
 * @module
 */
import type { Chapter } from "../model/transcript.js";
import type { FusedWord } from "./fused-word.js";
import { textKeys } from "./normalize.js";

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

/** Words before and after a start in which the title's words are counted. */
const CONTEXT_WORDS = 80;
const STEM = 5;
/**
 * How the evidence is weighed. The listed time is only known to ±tolerance, so every sentence start within it may be
 * the true start; two chapters in three start a turn in the show's posts (`TURN_SHARE`), and the title's words
 * appearing after a start rather than before it make it likelier (`TITLE_WEIGHT`). The start chosen is the one most
 * likely within the tolerance of the true start, which is what a reader of the list's times can check.
 */
const TURN_SHARE = 0.67;
const TITLE_WEIGHT = 1;
/** Words too common to tell one topic from another. */
const STOPWORDS = new Set(
  "alla alle allo anche come con dalla dalle degli della delle dello dopo fare nella nelle nostro nostra perche piu poi quando quella quello questa questo sono sulla sulle tutti tutto una uno vostra vostro".split(
    " ",
  ),
);

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
  let previous = -1;
  for (const chapter of [...input.chapters].sort((first, second) => first.start - second.start)) {
    if (words.length === 0 || previous >= words.length - 1) break;
    const word =
      previous < 0 && chapter.start <= (words[0]!.start ?? 0) + tolerance
        ? 0
        : bestStart(words, chapter, previous, tolerance);
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
  chapter: Chapter,
  previous: number,
  tolerance: number,
): number | undefined {
  const titleKeys = titleStems(chapter.title);
  const candidates: Array<{ index: number; time: number; turnStart: boolean; weight: number }> = [];
  for (let index = previous + 1; index < words.length; index++) {
    const word = words[index]!;
    const time = word.start ?? chapter.start;
    if (time > chapter.start + tolerance) break;
    if (time < chapter.start - tolerance || !word.sentenceStart || word.shortTurn !== undefined) continue;
    const gain = titleGain(words, index, titleKeys);
    candidates.push({ index, time, turnStart: startsTurn(words, index), weight: Math.exp(TITLE_WEIGHT * gain) });
  }
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
    for (const other of candidates) if (Math.abs(other.time - candidate.time) <= tolerance) cover += other.weight;
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

/** The stems (first five letters) of a title's telling words, so that inflections meet ("riflessioni", "riflessione"). */
function titleStems(title: string): Set<string> {
  return new Set(
    textKeys(title)
      .filter((key) => key.length >= 3 && !STOPWORDS.has(key))
      .map(stem),
  );
}

function stem(key: string): string {
  return key.slice(0, STEM);
}

/** How much more the words after `index` than those before it mention the title's words, from -1 to 1. */
function titleGain(words: readonly FusedWord[], index: number, titleKeys: ReadonlySet<string>): number {
  if (titleKeys.size === 0) return 0;
  const mentions = (from: number, to: number) => {
    const found = new Set<string>();
    for (let at = Math.max(0, from); at < Math.min(words.length, to); at++) {
      for (const key of words[at]!.keys) if (titleKeys.has(stem(key))) found.add(stem(key));
    }
    return found.size;
  };
  return (mentions(index, index + CONTEXT_WORDS) - mentions(index - CONTEXT_WORDS, index)) / titleKeys.size;
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
