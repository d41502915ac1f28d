/**
 * What `trama council` prints when the run ends: the final answer, the ranking table, and tokens, cost and latency per
 * member; failures with their real causes.
 * @module
 */
import type { CouncilResult, MemberTotals } from "@trama/council";

/** The report of a finished run, as plain text. */
export function councilReport(result: CouncilResult): string {
  const sections: string[] = [];
  if (result.final) {
    const who =
      result.final.role === "chairman"
        ? `chaired by ${result.final.chairman}`
        : `written by ${result.final.chairman}, who took over: ${result.final.fallbackReason ?? "the chairman failed"}`;
    sections.push(`${result.final.text.trim()}\n\n— ${who}`);
  } else {
    sections.push(
      result.status === "cancelled"
        ? "The council was stopped before it gave an answer."
        : "The council gave no answer.",
    );
  }
  if (result.aggregate) sections.push(rankingTable(result));
  sections.push(membersTable(result.totals));
  if (result.errors.length) {
    sections.push(
      ["Failures:", ...result.errors.map((error) => `  ${error.member} (${error.stage}): ${error.message}`)].join("\n"),
    );
  }
  return `${sections.join("\n\n")}\n`;
}

function rankingTable(result: CouncilResult): string {
  const aggregate = result.aggregate!;
  const rows = aggregate.rows.map((row) => [
    String(row.place),
    row.member,
    row.borda.toFixed(2),
    row.averageRank === undefined ? "–" : row.averageRank.toFixed(2),
    formatNumber(row.ballots),
    String(row.firstPlaces),
    row.selfRank === undefined ? "–" : `${row.selfRank}/${row.selfBallotSize}`,
  ]);
  const lines = [
    "Ranking (normalized Borda 0–1, self-votes excluded):",
    ...table(["#", "member", "score", "avg rank", "ballots", "firsts", "self"], rows, [0, 2, 3, 4, 5]),
  ];
  if (!aggregate.clear) lines.push(...aggregate.flags.map((flag) => `  ! ${flag.message}`));
  for (const ignored of aggregate.ignored) {
    lines.push(
      `  ballot of ${ignored.reviewer} not counted: ${ignored.status}${ignored.problem ? ` (${ignored.problem})` : ""}`,
    );
  }
  return lines.join("\n");
}

function membersTable(totals: readonly MemberTotals[]): string {
  const rows = totals.map((row) => [
    row.role === "member" ? row.member : `${row.member} (${row.role})`,
    formatNumber(row.usage.inputTokens),
    formatNumber(row.usage.outputTokens),
    row.usage.cost === undefined ? "–" : `$${row.usage.cost.toFixed(4)}`,
    latency(row.answer?.latencyMs),
    latency(row.review?.latencyMs),
    latency(row.chairman?.latencyMs),
    row.failed ? "failed" : "",
  ]);
  const total = totals.reduce(
    (sum, row) => ({
      input: sum.input + (row.usage.inputTokens ?? 0),
      output: sum.output + (row.usage.outputTokens ?? 0),
      cost: row.usage.cost === undefined ? sum.cost : (sum.cost ?? 0) + row.usage.cost,
    }),
    { input: 0, output: 0, cost: undefined as number | undefined },
  );
  rows.push([
    "total",
    String(total.input),
    String(total.output),
    total.cost === undefined ? "–" : `$${total.cost.toFixed(4)}`,
    "",
    "",
    "",
    "",
  ]);
  return [
    "Members (tokens, cost, latency per stage):",
    ...table(["model", "in", "out", "cost", "answer", "review", "chair", ""], rows, [1, 2, 3, 4, 5, 6]),
  ].join("\n");
}

/** Columns padded to their widest cell; `right` lists the columns aligned right. */
function table(header: string[], rows: string[][], right: number[]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const format = (row: string[]) =>
    `  ${row
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd()}`;
  return [format(header), ...rows.map(format)];
}

function latency(milliseconds: number | undefined): string {
  return milliseconds === undefined ? "–" : `${(milliseconds / 1000).toFixed(1)} s`;
}

function formatNumber(value: number | undefined): string {
  if (value === undefined) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
