import type { ParsedBallot } from "../council-result.js";
import {
  type FoundRanking,
  findBareLetters,
  findHeadedRanking,
  findInlineRanking,
  findJsonRanking,
} from "./ballot-sections.js";
import { isRefusal, withoutReasoning } from "./ballot-text.js";

/**
 * Reads the ranking at the end of a review, given the labels the reviewer was shown (single capital letters).
 *
 * Where the ranking is looked for, in order: a JSON object (`{"ranking": ["C", "A", "B"]}`, in a code fence or not);
 * the list, table or inline ranking under the last `FINAL RANKING` heading that has one (any case, bold or italic,
 * items numbered `1.` or `1)`, bulleted, bold, in a table with or without a rank column), then under a `Ranking:`
 * heading; an inline `C > A > B`; bare letters on the last line. `<think>` blocks are ignored.
 *
 * - `complete`: every label once.
 * - `partial`: some labels, each once; `problem` names those left out.
 * - `invalid`: a label twice, a label that was not shown, or no ranking found; `problem` says which.
 * - `abstain`: an empty reply, or a refusal without a ranking.
 */
export function parseBallot(text: string, labels: readonly string[]): ParsedBallot {
  const visible = withoutReasoning(text ?? "").trim();
  if (visible === "") return { ranking: [], status: "abstain", problem: "the reply is empty" };
  const found =
    findJsonRanking(visible) ??
    findHeadedRanking(visible) ??
    findInlineRanking(visible) ??
    findBareLetters(visible, labels.length);
  if (!found) {
    if (isRefusal(visible)) return { ranking: [], status: "abstain", problem: "the reviewer declined to rank" };
    return {
      ranking: [],
      status: "invalid",
      problem: "no ranking found (no JSON ranking, FINAL RANKING list or A > B)",
    };
  }
  return checkRanking(found, labels);
}

function checkRanking(found: FoundRanking, labels: readonly string[]): ParsedBallot {
  const { items, format } = found;
  const unknown = items.filter((item) => !labels.includes(item));
  if (unknown.length) {
    return {
      ranking: [],
      status: "invalid",
      format,
      problem: `${list(unknown)} ${unknown.length === 1 ? "is not a label" : "are not labels"} of this review (labels: ${labels.join(", ")})`,
    };
  }
  const duplicates = items.filter((item, index) => items.indexOf(item) !== index);
  if (duplicates.length) {
    return {
      ranking: [],
      status: "invalid",
      format,
      problem: `${list([...new Set(duplicates)])} ranked more than once`,
    };
  }
  const missing = labels.filter((label) => !items.includes(label));
  if (missing.length) return { ranking: items, status: "partial", format, problem: `${list(missing)} not ranked` };
  return { ranking: items, status: "complete", format };
}

function list(labels: readonly string[]): string {
  return labels.join(", ");
}
