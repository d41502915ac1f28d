import { CLOCK_PATTERN, parseClock } from "../parsers/clock.js";

/**
 * How a chapter heading is written. `bold-bracket` (`## **[MM:SS] Title**`) is the show's convention; the others are
 * what older posts use: `bracket` (`## [MM:SS] Title`), `paren` (`## Title (MM:SS)`), `bold` (`## **Title**`) and
 * `plain` (`## Title`).
 */
export type HeadingStyle = "bold-bracket" | "bracket" | "paren" | "bold" | "plain";

/** One line of a post's body, classified. */
export type PostLine =
  | { kind: "blank"; line: number }
  | { kind: "heading"; line: number; level: number; title: string; start?: number; style: HeadingStyle; raw: string }
  | { kind: "speaker"; line: number; name: string; start?: number; text?: string; raw: string }
  | { kind: "quote"; line: number; text: string }
  | { kind: "rule"; line: number }
  /** A line that is only a link (the older posts' "👉 [Ascolta su Spotify](…)<br/>"). */
  | { kind: "link"; line: number; raw: string }
  | { kind: "text"; line: number; text: string };

const headingPattern = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const clock = `(${CLOCK_PATTERN})`;
const bracketTitlePattern = new RegExp(String.raw`^\[${clock}\]\s*(.*)$`);
const parenTitlePattern = new RegExp(String.raw`^(.*?)\s*\(${clock}\)$`);
/** `**Name**`, `**Name (MM:SS)**`, `**Name:**`, optionally followed by the turn's first words on the same line. */
const speakerPattern = new RegExp(String.raw`^\*\*([^*]+?)(?:\s*\(${clock}\))?:?\*\*:?(?:\s+(.*))?$`);
const rulePattern = /^(?:-{3,}|\*{3,}|_{3,})$/;
const linkPattern = /^(?:\p{Extended_Pictographic}\uFE0F?\s*)?\[[^\]]*\]\([^)]*\)(?:<br\s*\/?>)?$/u;

/** Classifies one body line; `line` is its 1-based number in the file. */
export function classifyPostLine(raw: string, line: number): PostLine {
  const text = raw.trim();
  if (text === "") return { kind: "blank", line };
  if (text.startsWith(">")) return { kind: "quote", line, text: unescapeMarkdown(text.replace(/^>\s?/, "").trim()) };
  if (rulePattern.test(text)) return { kind: "rule", line };
  if (linkPattern.test(text)) return { kind: "link", line, raw };
  const heading = headingPattern.exec(text);
  if (heading) return { kind: "heading", line, level: heading[1]!.length, raw, ...readHeadingTitle(heading[2]!) };
  const speaker = speakerPattern.exec(text);
  if (speaker) {
    const start = speaker[2] === undefined ? undefined : parseClock(speaker[2]);
    return {
      kind: "speaker",
      line,
      raw,
      name: speaker[1]!.trim(),
      ...(start === undefined ? {} : { start }),
      ...(speaker[3] ? { text: unescapeMarkdown(speaker[3].trim()) } : {}),
    };
  }
  return { kind: "text", line, text: unescapeMarkdown(text) };
}

/** Removes Markdown's backslash escapes (`Ciao\\!` is `Ciao!`), as Jekyll's renderer does. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/** Reads a heading's title, time and style from the text after the `#`s. */
export function readHeadingTitle(text: string): { title: string; start?: number; style: HeadingStyle } {
  const bold = /^\*\*(.*)\*\*$/.exec(text);
  const inner = bold ? bold[1]!.trim() : text;
  const bracket = bracketTitlePattern.exec(inner);
  if (bracket) {
    const start = parseClock(bracket[1]!);
    if (start !== undefined) return { title: unbold(bracket[2]!), start, style: bold ? "bold-bracket" : "bracket" };
  }
  const paren = parenTitlePattern.exec(inner);
  if (paren) {
    const start = parseClock(paren[2]!);
    if (start !== undefined) return { title: unbold(paren[1]!), start, style: "paren" };
  }
  return { title: inner, style: bold ? "bold" : "plain" };
}

function unbold(text: string): string {
  const bold = /^\*\*(.*)\*\*$/.exec(text.trim());
  return bold ? bold[1]!.trim() : text.trim();
}
