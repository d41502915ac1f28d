import { parse } from "yaml";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { splitLines, UNNAMED_INPUT } from "../parsers/text-lines.js";

/**
 * Reads a roster of speaker names from a file: a YAML list (`- Stefano Maestri`), a YAML mapping whose `hosts`,
 * `speakers` or `guests` keys hold lists (a show's `_config.yml`, possibly under a `transcripts:` or `podcast:` key),
 * or plain text with one name per line (`#` comments allowed).
 *
 * @throws TranscriptParseError naming the file when a YAML mapping holds none of those keys.
 */
export function readRoster(text: string, options: { file?: string } = {}): string[] {
  const file = options.file ?? UNNAMED_INPUT;
  const lines = splitLines(text)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    data = undefined; // not YAML: a plain list of names
  }
  if (Array.isArray(data)) return names(data);
  if (data !== null && typeof data === "object") {
    const found = collect(data as Record<string, unknown>);
    if (found.length > 0) return found;
    throw new TranscriptParseError({
      file,
      line: 1,
      expected: "a list of names, or `hosts:`/`speakers:`/`guests:` lists",
      hint: "A roster file is one name per line, a YAML list, or a YAML mapping with those keys.",
    });
  }
  return lines;
}

function collect(mapping: Record<string, unknown>): string[] {
  const direct = ["hosts", "speakers", "guests"].flatMap((key) =>
    Array.isArray(mapping[key]) ? names(mapping[key]) : [],
  );
  if (direct.length > 0) return direct;
  for (const key of ["transcripts", "podcast"]) {
    const nested = mapping[key];
    if (nested !== null && typeof nested === "object" && !Array.isArray(nested)) {
      const found = collect(nested as Record<string, unknown>);
      if (found.length > 0) return found;
    }
  }
  return [];
}

function names(list: unknown[]): string[] {
  return list.flatMap((item) => {
    if (typeof item === "string") return [item.trim()];
    // `- name: Stefano Maestri` entries
    if (item !== null && typeof item === "object" && typeof (item as { name?: unknown }).name === "string") {
      return [(item as { name: string }).name.trim()];
    }
    return [];
  });
}
