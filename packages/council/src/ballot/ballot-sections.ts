/**
 * Finding the ranking in a review: a JSON object, the list, table or inline ranking under a `FINAL RANKING` heading
 * (the last real heading, not an earlier mention of it), an inline `C > A > B`, or bare letters.
 * @module
 */
import { firstLabel, inlineLabels, readLine, withoutMarkup } from "./ballot-text.js";

/** A ranking as written, before it is checked against the labels. */
export interface FoundRanking {
  items: string[];
  format: "json" | "final-ranking" | "list" | "inline" | "letters";
}

const rankingKeys = /^(?:final[\s_-]*)?rank(?:ing|ings|ed)?$|^order$|^ballot$/i;

/** The last JSON object (or array) in the text that holds a ranking: `{"ranking": ["C", "A", "B"]}`. */
export function findJsonRanking(text: string): FoundRanking | undefined {
  const candidates: string[] = [];
  for (const fence of text.matchAll(/```(?:json)?\s*\n?([\s\S]*?)```/gi)) candidates.push(fence[1]!);
  for (const object of text.matchAll(/\{[^{}]*\}/g)) candidates.push(object[0]);
  for (const array of text.matchAll(/\[[^[\]]*\]/g)) candidates.push(array[0]);
  // Later text wins: sort by position of the candidate's last occurrence.
  const ordered = candidates
    .map((candidate) => ({ candidate, at: text.lastIndexOf(candidate) }))
    .sort((a, b) => b.at - a.at);
  for (const { candidate } of ordered) {
    const items = rankingFromJson(candidate.trim());
    if (items) return { items, format: "json" };
  }
  // Almost-JSON (single quotes, trailing commas, comments): read the list after a ranking key as text.
  const loose = [...text.matchAll(/["']?(?:final[\s_-]*)?ranking["']?\s*[:=]\s*\[([^\]]*)\]/gi)].at(-1);
  if (loose) {
    const items = inlineLabels(loose[1]!.replace(/["']/g, ""));
    if (items) return { items, format: "json" };
  }
  return undefined;
}

function rankingFromJson(text: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const key = Object.keys(value).find((name) => rankingKeys.test(name.trim()));
    value = key === undefined ? undefined : (value as Record<string, unknown>)[key];
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const items: string[] = [];
  for (const entry of value) {
    const name =
      typeof entry === "string"
        ? entry
        : entry !== null && typeof entry === "object"
          ? String((entry as Record<string, unknown>).label ?? (entry as Record<string, unknown>).response ?? "")
          : "";
    const label = firstLabel(name.trim()) ?? (/^[a-z]$/.test(name.trim()) ? name.trim().toUpperCase() : undefined);
    if (label === undefined) return undefined;
    items.push(label);
  }
  return items;
}

/** `FINAL RANKING` as a heading: at the start of a line, or followed by a colon. Not a mention in a sentence. */
const finalHeading =
  /^[ \t>#]*(?:\d+[.)]\s*)?(?:my\s+|the\s+)?final\s+rank(?:ing|ings)?\b(?:\s*\([^)\n]*\))?\s*(?::|-|–|—|$)|final\s+rank(?:ing|ings)?\b(?:\s*\([^)\n]*\))?\s*:/gim;
/** Weaker headings, tried when no `FINAL RANKING` gives a ranking: `Ranking:`, `My ranking (best first):`. */
const otherHeading =
  /^[ \t>#]*(?:(?:my|the|overall)\s+)?rank(?:ing|ings)?\b(?:\s*\([^)\n]*\))?\s*(?::|-|–|—|$)|\brank(?:ing|ings)?\b(?:\s*\([^)\n]*\))?\s*:/gim;

/** The ranking under the last heading that has one. */
export function findHeadedRanking(text: string): FoundRanking | undefined {
  const cleaned = text
    .split("\n")
    .map((line) => withoutMarkup(line))
    .join("\n");
  for (const [heading, format] of [
    [finalHeading, "final-ranking"],
    [otherHeading, "list"],
  ] as const) {
    const matches = [...cleaned.matchAll(heading)].reverse();
    for (const match of matches) {
      const items = rankingAfter(cleaned.slice(match.index + match[0].length));
      if (items?.length) return { items, format };
    }
  }
  return undefined;
}

/** The ranking that starts right after a heading: inline on the heading's line, or a list or table below it. */
function rankingAfter(section: string): string[] | undefined {
  const newline = section.indexOf("\n");
  const sameLine = (newline < 0 ? section : section.slice(0, newline)).trim();
  if (sameLine) {
    const inline = inlineLabels(sameLine);
    if (inline?.length) return inline;
  }
  const lines = newline < 0 ? [] : section.slice(newline + 1).split("\n");
  return rankingInLines(lines);
}

/** A list, a table, or label-led lines at the top of `lines` (blank lines before and between items allowed). */
function rankingInLines(lines: string[]): string[] | undefined {
  const start = lines.findIndex((line) => line.trim() !== "");
  if (start < 0) return undefined;
  if (lines[start]!.trim().startsWith("|")) return rankingInTable(lines.slice(start));
  const items: string[] = [];
  let listMode: boolean | undefined;
  for (const raw of lines.slice(start)) {
    if (raw.trim() === "") continue;
    const line = readLine(raw);
    if (listMode === undefined) {
      // An inline ranking on the line below the heading: `FINAL RANKING:\nC > A > B`.
      const inline = /[>≻»,]/.test(line.text) ? inlineLabels(line.text) : undefined;
      if (inline && inline.length > 1) return inline;
      const label = firstLabel(line.text);
      if (label === undefined) return undefined;
      listMode = line.listItem;
      items.push(label);
      continue;
    }
    if (listMode && !line.listItem) {
      // Explanations under an item are indented; a line back at the margin ends the list.
      if (line.indented) continue;
      break;
    }
    const label = firstLabel(line.text);
    if (label === undefined) break;
    items.push(label);
  }
  return items;
}

/** A Markdown table: rows in order, or sorted by a `Rank`/`Place`/`Position` column when there is one. */
function rankingInTable(lines: string[]): string[] | undefined {
  const rows: string[][] = [];
  for (const line of lines) {
    if (!line.trim().startsWith("|")) break;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => withoutMarkup(cell).trim());
    if (cells.every((cell) => /^:?-{2,}:?$/.test(cell) || cell === "")) continue;
    rows.push(cells);
  }
  if (rows.length === 0) return undefined;
  const header = rows[0]!.some((cell) => /^(?:rank|place|position|#)$/i.test(cell)) ? rows.shift()! : undefined;
  const rankColumn = header?.findIndex((cell) => /^(?:rank|place|position|#)$/i.test(cell)) ?? -1;
  const ranked = rows
    .map((cells, index) => {
      const label = cells
        .filter((_, column) => column !== rankColumn)
        .map((cell) => firstLabel(cell))
        .find((found) => found !== undefined);
      const rank = rankColumn >= 0 ? Number.parseFloat((cells[rankColumn] ?? "").replace(/^#/, "")) : Number.NaN;
      return { label, order: Number.isFinite(rank) ? rank : index + 1 };
    })
    .filter((row): row is { label: string; order: number } => row.label !== undefined);
  return ranked.sort((a, b) => a.order - b.order).map((row) => row.label);
}

/** The last inline `C > A > B` (two or more labels joined by `>`) anywhere in the text. */
export function findInlineRanking(text: string): FoundRanking | undefined {
  const chains = [
    ...withoutMarkup(text).matchAll(
      /(?:(?:response|answer)\s+)?[A-Z](?![A-Za-z0-9])(?:\s*(?:>|≻|»)\s*(?:(?:response|answer)\s+)?[A-Z](?![A-Za-z0-9]))+/gi,
    ),
  ];
  const last = chains.at(-1);
  if (!last) return undefined;
  const items = inlineLabels(last[0]);
  return items && items.length >= 2 ? { items, format: "inline" } : undefined;
}

/** A reply that is only letters: `C A B`, `C, A, B`, `CAB` on its last line. */
export function findBareLetters(text: string, labelCount: number): FoundRanking | undefined {
  const last = withoutMarkup(text)
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  if (!last) return undefined;
  const line = last.replace(/[.!]$/, "").trim();
  if (/^[A-Z](?:\s*[,>;\s]\s*[A-Z])+$/.test(line))
    return { items: line.split(/[^A-Z]+/).filter(Boolean), format: "letters" };
  if (new RegExp(`^[A-Z]{2,${Math.max(2, labelCount)}}$`).test(line)) return { items: [...line], format: "letters" };
  if (labelCount === 1 && /^[A-Z]$/.test(line)) return { items: [line], format: "letters" };
  return undefined;
}
