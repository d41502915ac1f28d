import type { EpisodeMeta } from "../model/transcript.js";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { UNNAMED_INPUT } from "../parsers/text-lines.js";
import { parsePost } from "../post/read-post.js";
import { checkChapters, checkTurns } from "./body-checks.js";
import { checkFrontMatter } from "./front-matter-checks.js";
import { IssueList, type PostValidation, summarize } from "./post-issue.js";

/** Options of `validatePost`. */
export interface ValidatePostOptions {
  /** The file, named in the result. */
  file?: string;
  /**
   * The show's speakers (hosts, regular guests). The post's `hosts`, `speakers`, `guest_name` and `guests` front
   * matter keys add to it (`postRoster`); without this list or hosts in the front matter, speakers are not checked.
   */
  roster?: readonly string[];
  /** Keys the front matter must have; by default title, layout, categories, tags, and for `layout: episode` also date, episode_type, youtube_id, description, duration. */
  requiredKeys?: readonly string[];
}

/**
 * Validates a published or rendered post and returns every finding with its line, errors apart from warnings:
 * front matter at byte 0 (Jekyll ignores it anywhere else), valid YAML, required keys and well-formed values,
 * chapters strictly increasing and within the `duration`, no chapter without turns, speakers from the roster,
 * headings well-formed and in the show's convention, no words outside a turn. Never throws for a bad post: a broken
 * front matter is an error in the result.
 */
export function validatePost(text: string, options: ValidatePostOptions = {}): PostValidation {
  const file = options.file ?? UNNAMED_INPUT;
  const issues = new IssueList();
  checkByteZero(text, issues);
  let post: ReturnType<typeof parsePost>;
  try {
    post = parsePost(text, { file });
  } catch (error) {
    if (!TranscriptParseError.isInstance(error)) throw error;
    issues.error(error.line, "front-matter", error.message.slice(error.message.indexOf(": ") + 2));
    return summarize(file, issues.issues);
  }
  const duration = checkFrontMatter(post.frontMatter, issues, options);
  checkChapters(post, issues, duration);
  checkTurns(post, issues, postRoster(post.episode.meta, options.roster));
  return summarize(file, issues.issues);
}

function checkByteZero(text: string, issues: IssueList): void {
  if (text.startsWith("---\n") || text.startsWith("---\r\n")) return;
  if (text.charCodeAt(0) === 0xfeff) {
    issues.warning(
      1,
      "front-matter-at-byte-0",
      "The file starts with a byte-order mark; Jekyll copes, other tools may not.",
    );
    return;
  }
  const leading = /^\s*/.exec(text)![0];
  if (leading !== "" && text.slice(leading.length).startsWith("---")) {
    const lines = leading.split("\n").length - 1;
    issues.error(
      1,
      "front-matter-at-byte-0",
      `The front matter starts after ${lines === 0 ? "spaces" : `${lines} blank line${lines === 1 ? "" : "s"}`}; Jekyll reads front matter only at byte 0, so it would publish this post as a plain page. Remove them.`,
    );
  }
}

/**
 * The speakers allowed in a post: the given roster and the front matter's `hosts` and `speakers`, then its guests
 * (`guest_name`, `guests`). Empty, so speakers go unchecked, when neither the roster nor the hosts are known.
 */
export function postRoster(meta: EpisodeMeta, roster: readonly string[] = []): string[] {
  const names = new Set<string>();
  const add = (keys: string[]) => {
    for (const value of keys.map((key) => meta[key])) {
      for (const name of Array.isArray(value) ? value : [value]) {
        if (typeof name === "string" && name.trim() !== "") names.add(name.trim());
      }
    }
  };
  for (const name of roster) if (name.trim() !== "") names.add(name.trim());
  add(["hosts", "speakers"]);
  if (names.size === 0) return [];
  add(["guest_name", "guests"]);
  return [...names];
}
