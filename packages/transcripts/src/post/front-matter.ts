import { parseDocument } from "yaml";
import type { EpisodeMeta } from "../model/transcript.js";
import { TranscriptParseError } from "../parsers/parse-error.js";

/** A post's front matter, where it is, and the body after it. */
export interface FrontMatter {
  /** The front matter as data, in the file's key order. */
  meta: EpisodeMeta;
  /** The YAML text between the two `---` lines. */
  yaml: string;
  /** 1-based line of the opening `---`: 1 when the front matter is at byte 0, as Jekyll requires. */
  openLine: number;
  /** 1-based line of the closing `---`. */
  closeLine: number;
  /** Characters before the opening `---` (blank lines, a byte-order mark): Jekyll ignores front matter after them. */
  leadingText: string;
  /** The lines after the closing `---`; `lines[0]` is line `closeLine + 1` of the file. */
  body: string[];
}

/**
 * Splits a post into its YAML front matter and body and parses the YAML. Leading blank lines before the opening `---`
 * are tolerated here (reported in `leadingText`, so a validator can refuse them).
 *
 * @throws TranscriptParseError naming the file and line when there is no front matter, it is not closed, or its YAML is
 * invalid or not a mapping.
 */
export function readFrontMatter(lines: string[], file: string): FrontMatter {
  const openIndex = lines.findIndex((line) => line.trim() !== "");
  if (openIndex < 0 || lines[openIndex]!.trimEnd() !== "---") {
    throw new TranscriptParseError({
      file,
      line: openIndex < 0 ? 1 : openIndex + 1,
      expected: "a `---` line opening the YAML front matter",
      found: openIndex < 0 ? "" : lines[openIndex],
      hint: "A Jekyll post starts with `---`, the front matter, and `---`.",
    });
  }
  let closeIndex = -1;
  for (let index = openIndex + 1; index < lines.length; index++) {
    if (lines[index]!.trimEnd() === "---") {
      closeIndex = index;
      break;
    }
  }
  if (closeIndex < 0) {
    throw new TranscriptParseError({
      file,
      line: openIndex + 1,
      expected: "a closing `---` line after the front matter",
      hint: "The front matter opened here is never closed.",
    });
  }
  const yaml = lines.slice(openIndex + 1, closeIndex).join("\n");
  const meta = parseYaml(yaml, { file, firstLine: openIndex + 2 });
  return {
    meta,
    yaml,
    openLine: openIndex + 1,
    closeLine: closeIndex + 1,
    leadingText: lines.slice(0, openIndex).join("\n"),
    body: lines.slice(closeIndex + 1),
  };
}

function parseYaml(yaml: string, where: { file: string; firstLine: number }): EpisodeMeta {
  const document = parseDocument(yaml, { prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const offset = Math.min(error.pos[0], yaml.length);
    const line = where.firstLine + (yaml.slice(0, offset).match(/\n/g)?.length ?? 0);
    throw new TranscriptParseError({
      file: where.file,
      line,
      expected: "valid YAML in the front matter",
      found: yaml.split("\n")[line - where.firstLine],
      hint: `The YAML parser says: ${error.message.split("\n")[0]}`,
    });
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new TranscriptParseError({
      file: where.file,
      line: where.firstLine,
      expected: "front matter made of `key: value` lines",
      found: yaml.split("\n")[0],
    });
  }
  return data as EpisodeMeta;
}
