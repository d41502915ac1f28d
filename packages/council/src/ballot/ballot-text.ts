/**
 * Reading labels out of review text: where a line mentions `Response C`, `**C**`, `(C)` or a bare `C`, list markers
 * and Markdown emphasis, and `<think>` blocks. Labels are single capital letters (`A`–`Z`).
 * @module
 */

/** `<think>…</think>` and its cousins; an unclosed block runs to the end of the text. */
const reasoningBlock = /<(think|thinking|reasoning|reflection)>[\s\S]*?(?:<\/\1>|$)/gi;

/**
 * The text without the model's reasoning: tagged blocks are removed, and text before a lone closing tag too (models
 * whose template opens the block in the prompt emit only `</think>`).
 */
export function withoutReasoning(text: string): string {
  let visible = text.replace(reasoningBlock, "");
  const lastClose = visible.search(/<\/(?:think|thinking|reasoning|reflection)>(?![\s\S]*<\/(?:think|thinking))/i);
  if (lastClose >= 0) visible = visible.slice(visible.indexOf(">", lastClose) + 1);
  return visible;
}

/** A list item's marker: `1.`, `1)`, `(1)`, `#1`, `1st:`, `First:`, `Rank 1:`, `-`, `*`, `+`, `•`. */
const listMarker =
  /^(?:[-*+•]\s+|\(?\d{1,2}[.):]\s*|#\d{1,2}[.):]?\s+|\d{1,2}(?:st|nd|rd|th)\b[:.)]?\s*|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b\s*(?:place)?\s*[:.)-]\s*|(?:rank|place)\s*#?\d{1,2}\s*[:.)-]?\s*)/i;

/** Emphasis and code marks that models put around labels: `**C**`, `*C*`, `_C_`, `` `C` ``, `~~C~~`. */
export function withoutMarkup(text: string): string {
  return text.replace(/[*_`~]+/g, "");
}

/** One line, read: whether it is a list item, its indentation, and its text without marker and markup. */
export interface ReadLine {
  listItem: boolean;
  indented: boolean;
  text: string;
}

/** Reads one line of a review. A bold number (`**1.**`) counts as a list marker. */
export function readLine(line: string): ReadLine {
  const indented = /^(?:\s{2,}|\t)/.test(line);
  let rest = line.trim().replace(/^>\s*/, "");
  let listItem = false;
  // A bullet is a single mark followed by a space, so `*Response C*` (emphasis) is not one.
  const bullet = /^[-*+•]\s+/.exec(rest);
  if (bullet) {
    listItem = true;
    rest = rest.slice(bullet[0].length);
  }
  rest = withoutMarkup(rest)
    .replace(/^#+\s*/, "")
    .trim();
  const marker = listMarker.exec(rest);
  if (marker && !/^[-*+•]/.test(marker[0])) {
    listItem = true;
    rest = rest.slice(marker[0].length).trim();
  }
  return { listItem, indented, text: rest };
}

/** `Response C`, `Answer C`, `Candidate (C)`, `Option #C`; the letter must be a capital unless nothing follows it. */
const keywordLabel =
  /\b(?:responses?|answers?|candidates?|options?|submissions?|entry|entries)\s*[#:.-]?\s*["'([]?([A-Za-z])(?![A-Za-z0-9'’])/gi;

/**
 * The label a list item names first: `Response C is best, ahead of Response A` gives `C`. An item that starts with a
 * bare letter (`C`, `C:`, `(C)`, `C - accurate`) gives it, but not one starting with a word (`A clear winner`, `I think`).
 */
export function firstLabel(item: string): string | undefined {
  const text = withoutMarkup(item).trim();
  const bare = /^[(["']?([A-Z])[)\]"']?(?![A-Za-z0-9'’])(?!\s+[a-z])/.exec(text);
  keywordLabel.lastIndex = 0;
  for (let match = keywordLabel.exec(text); match; match = keywordLabel.exec(text)) {
    const letter = match[1]!;
    const after = text.slice(match.index + match[0].length);
    if (letter === letter.toUpperCase() || /^\s*(?:$|[).:,;|])/.test(after)) {
      // A bare letter before the first keyword mention is the item's label: `C (Response C)`.
      if (bare && bare.index < match.index) return bare[1];
      return letter.toUpperCase();
    }
  }
  return bare?.[1];
}

/** Every label an inline ranking names, in order: `C > A > B`, `Response C, Response A, Response B`, `C A B`. */
export function inlineLabels(text: string): string[] | undefined {
  const parts = withoutMarkup(text)
    .split(/\s*(?:>|≻|»|→|->|,|;|\bthen\b|\bfollowed by\b)\s*|\s+(?=(?:response|answer)\s)/i)
    .map((part) => part.trim().replace(/^(?:and|then)\s+/i, ""))
    .filter((part) => part.length > 0 && !/^[.:]+$/.test(part));
  if (parts.length === 0) return undefined;
  const labels: string[] = [];
  for (const part of parts) {
    // `C A B` written with spaces only.
    if (/^(?:[A-Z]\s+)+[A-Z]\.?$/.test(part)) {
      labels.push(...part.replace(/\.$/, "").split(/\s+/));
      continue;
    }
    const label = firstLabel(part.replace(/\s*\.$/, ""));
    if (label === undefined) return undefined;
    labels.push(label);
  }
  return labels;
}

/** A reply that declines to rank: a refusal, or a statement that no ranking is given. */
export function isRefusal(text: string): boolean {
  return /\b(?:I\s*(?:can(?:not|['’]t)|won['’]t|will not|am\s+(?:not\s+able|unable)|['’]m\s+(?:not\s+able|unable)|must\s+decline|decline|refuse|abstain)|unable\s+to\s+(?:rank|provide|comply|evaluate)|(?:no|without\s+a)\s+ranking\b|as an ai\b)/i.test(
    text,
  );
}
