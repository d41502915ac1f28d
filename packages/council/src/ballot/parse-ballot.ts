import type { ParsedBallot } from "../council-result.js";

/**
 * Reads the ranking at the end of a review. Accepts JSON (`{"ranking": ["C", "A", "B"]}`), a `FINAL RANKING:` list
 * (any case, bold or italic, numbered `1.` or `1)` or bulleted, in a table), an inline `C > A > B`, or bare letters;
 * ignores `<think>` blocks and earlier mentions of the heading. Duplicate or unknown labels make the ballot `invalid`;
 * a ranking that leaves labels out is `partial`; refusals and empty replies are `abstain`.
 */
export function parseBallot(text: string, labels: readonly string[]): ParsedBallot {
  void text;
  void labels;
  return { ranking: [], status: "invalid", problem: "not implemented yet" };
}
