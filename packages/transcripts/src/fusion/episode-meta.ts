/**
 * The episode's front matter for a merge, from an `episode.yaml` (plain YAML, the post's keys) or from an existing post
 * (its front matter).
 * @module
 */
import { parseDocument } from "yaml";
import type { EpisodeMeta } from "../model/transcript.js";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { splitLines } from "../parsers/text-lines.js";
import { readFrontMatter } from "../post/front-matter.js";

/**
 * Reads episode metadata: a YAML map (`title: …`, `episode_number: 49`, …), or a Markdown post whose front matter is
 * taken (when the text starts with `---`).
 *
 * @throws TranscriptParseError naming the file and line when the YAML is invalid or not a map.
 */
export function parseEpisodeMeta(text: string, options: { file?: string } = {}): EpisodeMeta {
  const file = options.file ?? "<meta>";
  const lines = splitLines(text);
  if (lines.find((line) => line.trim() !== "")?.trim() === "---") return readFrontMatter(lines, file).meta;
  const document = parseDocument(lines.join("\n"), { prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const line = (text.slice(0, error.pos[0]).match(/\n/g)?.length ?? 0) + 1;
    throw new TranscriptParseError({
      file,
      line,
      expected: "valid YAML",
      found: lines[line - 1],
      hint: `The YAML parser says: ${error.message.split("\n")[0]}`,
    });
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new TranscriptParseError({
      file,
      line: 1,
      expected: "`key: value` lines such as `title: …` and `episode_number: 49`",
      found: lines[0],
    });
  }
  return data as EpisodeMeta;
}
