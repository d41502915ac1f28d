import { parse } from "yaml";
import type { FrontMatter } from "../post/front-matter.js";
import type { IssueList } from "./post-issue.js";

/** Keys every post needs, and those the `layout: episode` posts (the show's current convention) need besides. */
export const REQUIRED_KEYS: readonly string[] = ["title", "layout", "categories", "tags"];
export const REQUIRED_EPISODE_KEYS: readonly string[] = [
  "date",
  "episode_type",
  "youtube_id",
  "description",
  "duration",
];

/** Reads an ISO 8601 duration (`PT1H10M28S`, `PT58M`) into seconds; undefined when it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!match || match.slice(1).every((part) => part === undefined) || text.trim().endsWith("T")) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return days! * 86400 + hours! * 3600 + minutes! * 60 + seconds!;
}

/**
 * Checks the front matter's keys and values: required keys present and non-empty, a YYYY-MM-DD `date`, an ISO 8601
 * `duration`, `categories` and `tags` as lists, a YouTube id of 11 characters, an integer or null `episode_number`,
 * and values that Jekyll, which reads YAML 1.1, would read differently from what they look like (`yes`, `no`,
 * `on`, `12:30`). Returns the duration in seconds when there is a valid one.
 */
export function checkFrontMatter(
  frontMatter: FrontMatter,
  issues: IssueList,
  options: { requiredKeys?: readonly string[] } = {},
): number | undefined {
  const { meta } = frontMatter;
  const lineOf = (key: string): number => {
    const index = frontMatter.yaml.split("\n").findIndex((line) => line.startsWith(`${key}:`));
    return index < 0 ? frontMatter.openLine : frontMatter.openLine + 1 + index;
  };
  const required =
    options.requiredKeys ?? (meta.layout === "episode" ? [...REQUIRED_KEYS, ...REQUIRED_EPISODE_KEYS] : REQUIRED_KEYS);
  for (const key of required) {
    const value = meta[key];
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
      issues.error(
        lineOf(key),
        "required-key",
        `The front matter has no ${value === undefined ? "" : "value for "}\`${key}\`; add it${meta.layout === "episode" ? " (the layout: episode posts need it)" : ""}.`,
      );
    }
  }
  if (meta.date !== undefined && !(typeof meta.date === "string" && /^\d{4}-\d{2}-\d{2}(?:[ T].*)?$/.test(meta.date))) {
    issues.error(lineOf("date"), "date", `\`date\` should be YYYY-MM-DD, found ${JSON.stringify(meta.date)}.`);
  }
  for (const key of ["categories", "tags"]) {
    const value = meta[key];
    if (
      value !== undefined &&
      value !== null &&
      !(Array.isArray(value) && value.every((item) => typeof item === "string"))
    ) {
      issues.error(lineOf(key), "list", `\`${key}\` should be a list of strings (\`- item\` lines).`);
    }
  }
  const number = meta.episode_number;
  if (number !== undefined && number !== null && !Number.isInteger(number)) {
    issues.error(lineOf("episode_number"), "episode-number", "`episode_number` should be a whole number, or null.");
  }
  if (meta.youtube_id !== undefined && !/^[A-Za-z0-9_-]{11}$/.test(String(meta.youtube_id))) {
    issues.warning(
      lineOf("youtube_id"),
      "youtube-id",
      `\`youtube_id\` ${JSON.stringify(meta.youtube_id)} is not 11 characters of a YouTube id.`,
    );
  }
  checkYaml11(frontMatter, issues, lineOf);
  if (meta.duration === undefined) return undefined;
  const duration = typeof meta.duration === "string" ? parseIsoDuration(meta.duration) : undefined;
  if (duration === undefined) {
    issues.error(
      lineOf("duration"),
      "duration",
      `\`duration\` should be ISO 8601 such as PT1H10M28S, found ${JSON.stringify(meta.duration)}.`,
    );
  }
  return duration;
}

/** Values Jekyll's YAML 1.1 reads as something else than YAML 1.2 does (the booleans `yes`/`no`/`on`/`off`, sexagesimals). */
function checkYaml11(frontMatter: FrontMatter, issues: IssueList, lineOf: (key: string) => number): void {
  let jekyll: Record<string, unknown>;
  try {
    jekyll = parse(frontMatter.yaml, { version: "1.1" }) ?? {};
  } catch {
    return; // the YAML 1.2 reading succeeded; a 1.1-only failure is reported by Jekyll itself
  }
  const normalize = (value: unknown): string => JSON.stringify(value) ?? "undefined";
  for (const [key, value] of Object.entries(frontMatter.meta)) {
    const read = normalize(jekyll[key]);
    // YAML 1.1 reads dates as timestamps, which is what Jekyll wants of `date`.
    if (read !== normalize(value) && !(key === "date" && read.slice(1, 11) === String(value).slice(0, 10))) {
      issues.warning(
        lineOf(key),
        "yaml-1.1",
        `Jekyll reads \`${key}\` as ${read} (YAML 1.1), not ${normalize(value)}; quote the value to keep it a string.`,
      );
    }
  }
}
