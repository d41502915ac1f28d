import { formatClock } from "../parsers/clock.js";
import type { ParsedPost } from "../post/read-post.js";
import type { IssueList } from "./post-issue.js";

const CONVENTION = "`## **[MM:SS] TITLE**`";
/** A time-like token in a heading: `[12:34]`, `(1:02:03)`, `[1:75]`. */
const timeLikePattern = /[[(]\s*\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d+)?\s*[\])]/;

/**
 * Checks the chapters: headings well-formed and in the show's convention, times strictly increasing, inside the
 * duration, the first at 00:00, and no chapter without turns.
 */
export function checkChapters(post: ParsedPost, issues: IssueList, duration: number | undefined): void {
  let previous: { start: number; line: number } | undefined;
  post.episode.sections.forEach((section, index) => {
    const layout = post.layout.sections[index]!;
    if (layout.line === undefined) return; // turns before the first heading
    const line = layout.line;
    if (layout.level !== 2) {
      issues.warning(
        line,
        "heading-level",
        `Chapter headings are level 2 (\`## \`); this one is level ${layout.level}.`,
      );
    }
    if (section.title.trim() === "") issues.error(line, "heading-title", "This chapter heading has no title.");
    if (section.start === undefined) {
      if (timeLikePattern.test(layout.raw ?? "")) {
        issues.error(
          line,
          "heading-time",
          `The time in this heading is not a valid MM:SS or H:MM:SS; write it as ${CONVENTION}.`,
        );
      } else {
        issues.warning(line, "heading-time", `This chapter has no time; the show writes ${CONVENTION}.`);
      }
    } else if (layout.style !== "bold-bracket") {
      issues.warning(line, "heading-style", `This heading is not in the show's convention ${CONVENTION}.`);
    }
    if (section.turns.length === 0) {
      issues.error(
        line,
        "empty-chapter",
        `The chapter "${section.title}" has no turns; remove the heading or move words under it.`,
      );
    }
    if (section.start === undefined) return;
    if (previous === undefined && section.start !== 0) {
      issues.warning(
        line,
        "first-chapter",
        `The first chapter starts at ${formatClock(section.start)}; YouTube wants chapters to start at 00:00.`,
      );
    }
    if (previous !== undefined && section.start <= previous.start) {
      issues.error(
        line,
        "chapter-order",
        `This chapter starts at ${formatClock(section.start)}, not after the previous one (${formatClock(previous.start)}, line ${previous.line}); chapter times must strictly increase.`,
      );
    }
    if (duration !== undefined && section.start >= duration) {
      issues.error(
        line,
        "chapter-duration",
        `This chapter starts at ${formatClock(section.start)}, at or past the episode's duration (${formatClock(duration)}).`,
      );
    }
    previous = { start: section.start, line };
  });
}

/**
 * Checks the turns: every speaker line has words, every speaker is on the roster (when there is one), no words stand
 * outside a turn, no `---` rules, no Liquid tags (`{{`, `{%`) in the words, which Jekyll would run.
 */
export function checkTurns(post: ParsedPost, issues: IssueList, roster: readonly string[]): void {
  const turns = post.episode.sections.flatMap((section) => section.turns);
  const unknown = new Map<string, number[]>();
  post.layout.speakers.forEach((speaker, index) => {
    if ((turns[index]?.paragraphs.length ?? 0) === 0) {
      issues.error(speaker.line, "empty-turn", `${speaker.name} has a speaker line but no words under it.`);
    }
    if (roster.length > 0 && !roster.includes(speaker.name)) {
      unknown.set(speaker.name, [...(unknown.get(speaker.name) ?? []), speaker.line]);
    }
  });
  // One finding per unknown name, at its first line: the same misspelling on 60 lines is one mistake.
  for (const [name, lines] of unknown) {
    const alike = roster.filter((known) => sameFirstWord(known, name));
    const hint = alike.length > 0 ? ` Did you mean ${alike.map((known) => `"${known}"`).join(" or ")}?` : "";
    const more = lines.length > 1 ? ` It names ${lines.length} turns, the first here.` : "";
    issues.error(
      lines[0]!,
      "speaker-roster",
      `"${name}" is not on the roster (${roster.join(", ")}).${hint}${more} Fix the name or add it to the roster.`,
    );
  }
  for (const note of post.notes) {
    if (note.kind === "orphan-text") {
      issues.error(
        note.line,
        "text-outside-turn",
        `Words outside any turn: ${JSON.stringify(shorten(note.text))}; put a speaker line above them or remove them.`,
      );
    } else {
      issues.warning(
        note.line,
        "rule",
        "A `---` rule between turns; the show's posts separate chapters by headings alone.",
      );
    }
  }
  const bodyStart =
    post.layout.sections.find((section) => section.line !== undefined)?.line ?? post.layout.speakers[0]?.line;
  for (const line of post.lines) {
    if (
      (line.kind === "quote" || line.kind === "text") &&
      bodyStart !== undefined &&
      line.line >= bodyStart &&
      /\{[{%]/.test(line.text)
    ) {
      issues.error(
        line.line,
        "liquid",
        "Jekyll would run `{{` or `{%` in these words as Liquid; wrap them in {% raw %}…{% endraw %}.",
      );
    }
  }
}

function sameFirstWord(first: string, second: string): boolean {
  return first.split(/\s+/)[0]!.toLowerCase() === second.split(/\s+/)[0]!.toLowerCase();
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}
