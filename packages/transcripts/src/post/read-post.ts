import type { Episode, Section, Turn } from "../model/transcript.js";
import { splitLines, UNNAMED_INPUT } from "../parsers/text-lines.js";
import { type FrontMatter, readFrontMatter } from "./front-matter.js";
import { classifyPostLine, type HeadingStyle, type PostLine } from "./post-lines.js";

/** Something in a post's body the reader could not place in the episode, or chose to drop. */
export interface PostNote {
  line: number;
  /** `orphan-text`: words outside any turn (no speaker line above them in their chapter); `rule`: a `---` line. */
  kind: "orphan-text" | "rule";
  text: string;
}

/** Where each part of the episode is in the file, for validators and diagnostics. */
export interface PostLayout {
  /** Per section, in order: the line of its heading (undefined for the text before the first heading). */
  sections: Array<{ line?: number; level?: number; style?: HeadingStyle; raw?: string }>;
  /** Every speaker line, in order, with its section's index. */
  speakers: Array<{ line: number; name: string; section: number }>;
  /** 1-based line where the body starts (the line after the closing `---`). */
  bodyLine: number;
}

/** A post read back: the episode, the front matter with its lines, where things are, and what was left out. */
export interface ParsedPost {
  episode: Episode;
  frontMatter: FrontMatter;
  layout: PostLayout;
  notes: PostNote[];
  /** Every body line, classified. */
  lines: PostLine[];
}

/**
 * Reads a published post back into an `Episode`: the front matter as `meta`; chapters from every heading style the
 * show has used (`## **[MM:SS] TITLE**`, `## [MM:SS] TITLE`, `## Title (MM:SS)`, `## **Title**`, `## Title`, times
 * past an hour as `H:MM:SS` or `HH:MM:SS`); turns from `**Speaker**` lines (also `**Speaker (MM:SS)** words…` on one
 * line, which sets the turn's start); paragraphs from `>` blockquote lines or plain lines under a speaker, one
 * paragraph per non-empty line. What comes before the first chapter or turn (a video include, listen-on links, a
 * `# Title`) is kept as `preamble`; link lines after the turns (closing "listen on" links) as `postamble`. Markdown
 * backslash escapes are removed (`Ciao\\!` reads `Ciao!`). Words outside any turn and `---` rules are left out and
 * listed in `notes`.
 *
 * @throws TranscriptParseError naming the file and line when the front matter is missing, unclosed or not valid YAML.
 */
export function parsePost(text: string, options: { file?: string } = {}): ParsedPost {
  const file = options.file ?? UNNAMED_INPUT;
  const frontMatter = readFrontMatter(splitLines(text), file);
  const bodyLine = frontMatter.closeLine + 1;
  const lines = frontMatter.body.map((raw, index) => classifyPostLine(raw, bodyLine + index));
  const builder = new EpisodeBuilder(frontMatter.body, bodyLine);
  for (const line of lines) builder.add(line);
  const episode: Episode = { meta: frontMatter.meta, sections: builder.sections };
  const preamble = builder.preamble();
  if (preamble !== undefined) episode.preamble = preamble;
  const postamble = builder.postamble();
  if (postamble !== undefined) episode.postamble = postamble;
  return {
    episode,
    frontMatter,
    layout: { sections: builder.sectionLayout, speakers: builder.speakers, bodyLine },
    notes: builder.notes,
    lines,
  };
}

/** Reads a published post back into an `Episode`; see `parsePost` for what it accepts and what it leaves out. */
export function readPost(text: string, options: { file?: string } = {}): Episode {
  return parsePost(text, options).episode;
}

class EpisodeBuilder {
  readonly sections: Section[] = [];
  readonly sectionLayout: PostLayout["sections"] = [];
  readonly speakers: PostLayout["speakers"] = [];
  readonly notes: PostNote[] = [];
  #turn: Turn | undefined;
  /** Index in the body of the first line that belongs to a chapter or turn; the preamble is what comes before. */
  #preambleEnd: number | undefined;
  readonly #postamble: string[] = [];

  constructor(
    readonly body: string[],
    readonly bodyLine: number,
  ) {}

  add(line: PostLine): void {
    switch (line.kind) {
      case "heading":
        if (this.#preambleEnd === undefined && line.level === 1) return;
        this.#startBody(line.line);
        this.sections.push({
          title: line.title,
          ...(line.start === undefined ? {} : { start: line.start }),
          turns: [],
        });
        this.sectionLayout.push({ line: line.line, level: line.level, style: line.style, raw: line.raw });
        this.#turn = undefined;
        return;
      case "speaker": {
        this.#startBody(line.line);
        const section = this.#currentSection();
        this.#turn = { speaker: line.name, ...(line.start === undefined ? {} : { start: line.start }), paragraphs: [] };
        if (line.text) this.#turn.paragraphs.push(line.text);
        section.turns.push(this.#turn);
        this.speakers.push({ line: line.line, name: line.name, section: this.sections.length - 1 });
        return;
      }
      case "quote":
      case "text":
        if (line.text === "") return;
        if (this.#turn) this.#turn.paragraphs.push(line.text);
        else if (this.#preambleEnd !== undefined)
          this.notes.push({ line: line.line, kind: "orphan-text", text: line.text });
        return;
      case "link":
        // Links after the turns (the older posts' closing "listen on" lines) are the postamble, not words.
        if (this.#preambleEnd !== undefined) {
          this.#postamble.push(line.raw.trim());
          this.#turn = undefined;
        }
        return;
      case "rule":
        // A rule closes the turn above it: words after it belong to no speaker until the next speaker line.
        if (this.#preambleEnd !== undefined) this.notes.push({ line: line.line, kind: "rule", text: "---" });
        this.#turn = undefined;
        return;
      case "blank":
        return;
    }
  }

  postamble(): string | undefined {
    return this.#postamble.length === 0 ? undefined : this.#postamble.join("\n");
  }

  preamble(): string | undefined {
    const end = this.#preambleEnd ?? this.body.length;
    const text = this.body.slice(0, end).join("\n").trim();
    return text === "" ? undefined : text;
  }

  #startBody(line: number): void {
    if (this.#preambleEnd === undefined) this.#preambleEnd = line - this.bodyLine;
  }

  #currentSection(): Section {
    if (this.sections.length === 0) {
      this.sections.push({ title: "", turns: [] });
      this.sectionLayout.push({});
    }
    return this.sections[this.sections.length - 1]!;
  }
}
