/**
 * How the evaluation prints: one table per error rate (rows: caption variants and all together; columns: each metric,
 * ours beside the baseline), then the targets, met or missed with the numbers.
 * @module
 */
import type { MetricCounts, Ratio } from "./metrics.js";

/** A row of a table: a label, our counts and the baseline's. */
export interface ReportRow {
  label: string;
  ours: MetricCounts;
  baseline: MetricCounts;
}

/** A metric as a percentage, or "n/a" without a total. */
export function percent(ratio: Ratio, digits = 1): string {
  return ratio.total === 0 ? "n/a" : `${((100 * ratio.count) / ratio.total).toFixed(digits)}%`;
}

/** Turn-boundary F1, in percent. */
export function f1(counts: MetricCounts): number {
  const { matched, predicted, actual } = counts.boundaries;
  if (predicted === 0 || actual === 0) return 0;
  const precision = matched / predicted;
  const recall = matched / actual;
  return precision + recall === 0 ? 0 : (200 * precision * recall) / (precision + recall);
}

/** A quantile of a list of numbers (0.5 for the median). */
export function quantile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

const COLUMNS: Array<{ title: string; value: (counts: MetricCounts) => string }> = [
  { title: "speaker acc", value: (counts) => percent(counts.speaker, 2) },
  { title: "±3 of change", value: (counts) => percent(counts.nearChange, 2) },
  { title: "turn F1", value: (counts) => `${f1(counts).toFixed(1)}%` },
  { title: "short turns", value: (counts) => percent(counts.shortTurns) },
  { title: "coverage", value: (counts) => percent(counts.coverage, 2) },
  { title: "invented", value: (counts) => percent(counts.invented, 3) },
  { title: "ch ≤15s true", value: (counts) => percent(counts.chaptersWithin) },
  { title: "ch ≤15s list", value: (counts) => percent(counts.chaptersNearListed) },
  { title: "ch sentence", value: (counts) => percent(counts.chaptersAtSentence) },
  { title: "ch both", value: (counts) => percent(counts.chaptersBoth) },
  {
    title: "turn-start err p50/p90",
    value: (counts) =>
      counts.turnStartErrors.length
        ? `${quantile(counts.turnStartErrors, 0.5).toFixed(1)}/${quantile(counts.turnStartErrors, 0.9).toFixed(1)} s`
        : "n/a",
  },
];

/** A table with one line per row and metric column, "ours | baseline" in each cell. */
export function formatTable(rows: readonly ReportRow[]): string {
  const header = ["", ...COLUMNS.map((column) => column.title)];
  const body = rows.map((row) => [
    row.label,
    ...COLUMNS.map((column) => `${column.value(row.ours)} | ${column.value(row.baseline)}`),
  ]);
  const widths = header.map((_, index) => Math.max(...[header, ...body].map((line) => line[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}

/** One target: its name, the measured value, the bound, and whether it is met. */
export interface TargetCheck {
  name: string;
  value: number;
  bound: number;
  atLeast: boolean;
  unit: string;
}

/** Prints targets as `met`/`MISSED` lines with the numbers and, when missed, by how much. */
export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks
    .map((check) => {
      const met = check.atLeast ? check.value >= check.bound : check.value <= check.bound;
      const relation = check.atLeast ? "≥" : "≤";
      const miss = met ? "" : ` (missed by ${Math.abs(check.value - check.bound).toFixed(2)}${check.unit})`;
      return `  ${met ? "met   " : "MISSED"}  ${check.name}: ${check.value.toFixed(check.unit === "%" ? 2 : 0)}${check.unit} (target ${relation} ${check.bound}${check.unit})${miss}`;
    })
    .join("\n");
}
