import type { Episode, Section, Turn } from "../model/transcript.js";
import { formatClock } from "../parsers/clock.js";
import { renderFrontMatter } from "./render-front-matter.js";

/** How `renderPost` writes the words. */
export interface RenderPostOptions {
  /**
   * `keep` (the default) writes the words as they are. `apostrophe` writes a word-final accented vowel as the vowel and
   * an apostrophe (`è` → `e'`, `perché` → `perche'`, `È` → `E'`), as the show's `layout: episode` posts of ep20 and
   * ep49 do; accents inside words (`Mélanie`) stay. It applies to chapter titles and paragraphs, not to names or the
   * front matter.
   */
  accents?: "keep" | "apostrophe";
  /**
   * Writes each turn's start as `**Speaker (MM:SS)**`, as the oldest posts did; off by default, since the show's
   * posts name the speaker alone. `readPost` reads the times back (to the second).
   */
  turnTimes?: boolean;
}

/**
 * Writes an episode as the show's Jekyll post: the front matter at byte 0 (`renderFrontMatter`), the preamble if any,
 * then for each section a `## **[MM:SS] TITLE**` heading (`[H:MM:SS]` from an hour on, `## **TITLE**` without a
 * time, nothing for an untitled leading section), and for each turn a `**Speaker**` line and one `>` blockquote per
 * paragraph, blank lines between blocks. A turn that continues across a heading is a new turn in the next section,
 * so its speaker line is repeated after the heading. Markup characters in the words are escaped (`escapeMarkdown`) so
 * Markdown prints them as they are. `readPost` reads the result back into the same episode, except for what a post
 * does not hold: turn ends and word detail, and turn starts unless `turnTimes` is on.
 */
export function renderPost(episode: Episode, options: RenderPostOptions = {}): string {
  const words = options.accents === "apostrophe" ? apostropheAccents : (text: string) => text;
  const blocks: string[] = [];
  if (episode.preamble) blocks.push(episode.preamble);
  for (const section of episode.sections) {
    const heading = renderHeading(section, words);
    if (heading) blocks.push(heading);
    for (const turn of section.turns) blocks.push(...renderTurn(turn, words, options.turnTimes === true));
  }
  if (episode.postamble) blocks.push(episode.postamble);
  const body = blocks.join("\n\n");
  return `${renderFrontMatter(episode.meta)}${body === "" ? "" : `\n${body}\n`}`;
}

function renderHeading(section: Section, words: (text: string) => string): string | undefined {
  if (section.title === "" && section.start === undefined) return undefined;
  const time = section.start === undefined ? "" : `[${formatClock(section.start)}] `;
  return `## **${time}${words(section.title)}**`;
}

function renderTurn(turn: Turn, words: (text: string) => string, withTime: boolean): string[] {
  const time = withTime && turn.start !== undefined ? ` (${formatClock(turn.start)})` : "";
  return [`**${turn.speaker}${time}**`, ...turn.paragraphs.map((paragraph) => `> ${escapeMarkdown(words(paragraph))}`)];
}

/**
 * Escapes what Markdown would otherwise read as markup in a paragraph of spoken words: backslashes, `*`, `` ` ``, `<`,
 * and a `#`, `-`, `+` or `1.` that would start a heading or a list. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(/[\\*`<]/g, "\\$&")
    .replace(/^([#+-])/, "\\$1")
    .replace(/^(\d+)([.)])(?=\s)/, "$1\\$2");
}

const apostropheVowels: Record<string, string> = {
  à: "a",
  á: "a",
  è: "e",
  é: "e",
  ì: "i",
  í: "i",
  ò: "o",
  ó: "o",
  ù: "u",
  ú: "u",
  À: "A",
  Á: "A",
  È: "E",
  É: "E",
  Ì: "I",
  Í: "I",
  Ò: "O",
  Ó: "O",
  Ù: "U",
  Ú: "U",
};

/** `è` → `e'` at the end of a word (`perché` → `perche'`, `È` → `E'`); accents inside a word stay. */
export function apostropheAccents(text: string): string {
  return text.replace(/[àáèéìíòóùúÀÁÈÉÌÍÒÓÙÚ](?![\p{L}\p{M}])/gu, (vowel) => `${apostropheVowels[vowel]}'`);
}
