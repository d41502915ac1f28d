import { Document, isMap, isScalar, type Pair, Scalar } from "yaml";
import type { EpisodeMeta } from "../model/transcript.js";

/**
 * The show's front matter, key by key, in groups separated by a blank line (as the `layout: episode` posts have it).
 * Keys not listed keep their order, in a group before `header`.
 */
const keyGroups: readonly (readonly string[])[] = [
  ["title", "date", "layout", "author_profile"],
  ["episode_number", "episode_type", "youtube_id", "spotify_episode_id", "apple_episode_url", "duration"],
  ["description"],
  ["guest_name", "guest_bio", "guest_role", "guest_company", "guest_linkedin", "guest_url", "guest_image"],
  [],
  ["header"],
  ["categories", "tags"],
];
const OTHER_GROUP = 4;
const quotedKeys = new Set(["title", "guest_name"]);
const foldedKeys = new Set(["description", "guest_bio"]);

/**
 * Writes front matter as the show does: `---` at byte 0, the keys in the show's order and groups, `title` and
 * `guest_name` double-quoted, `description` and `guest_bio` folded (`>-`), lists as `- item` lines, a `date` of the
 * form YYYY-MM-DD unquoted. Values are written for YAML 1.1, the version Jekyll reads, so strings such as `yes`,
 * `no`, `12:30` or `2026` are quoted and stay strings. Keys whose value is undefined are left out.
 */
export function renderFrontMatter(meta: EpisodeMeta): string {
  const entries = Object.entries(meta).filter(([, value]) => value !== undefined);
  // Without keys YAML would write `{}`; Jekyll reads an empty block as a post all the same.
  if (entries.length === 0) return "---\n---\n";
  const grouped = keyGroups.map((keys, index) =>
    index === OTHER_GROUP
      ? entries.filter(([key]) => !keyGroups.some((group) => group.includes(key)))
      : keys.flatMap((key) => entries.filter(([name]) => name === key)),
  );
  const ordered = Object.fromEntries(grouped.flat().map(([key, value]) => [key, yamlValue(key, value)]));
  const document = new Document(ordered, { version: "1.1" });
  const firstKeys = new Set(grouped.filter((group) => group.length > 0).map((group) => group[0]![0]));
  if (isMap(document.contents)) {
    document.contents.items.forEach((pair: Pair, index) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (index > 0 && firstKeys.has(key) && isScalar(pair.key)) pair.key.spaceBefore = true;
      if (!isScalar(pair.value) || typeof pair.value.value !== "string") return;
      if (quotedKeys.has(key)) pair.value.type = Scalar.QUOTE_DOUBLE;
      else if (foldedKeys.has(key) && foldable(pair.value.value)) pair.value.type = Scalar.BLOCK_FOLDED;
    });
  }
  return `---\n${document.toString({ lineWidth: 90, minContentWidth: 20 })}---\n`;
}

/** A YYYY-MM-DD date becomes a date so YAML 1.1 writes it plain, as the posts do (and Jekyll reads it as a date). */
function yamlValue(key: string, value: unknown): unknown {
  if (key === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`);
  }
  return value;
}

/** Folding keeps single spaces only: text with line breaks, runs of spaces or edge spaces stays quoted. */
function foldable(text: string): boolean {
  return text !== "" && !/\n| {2}|^\s|\s$/.test(text);
}
