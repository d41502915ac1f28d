#!/usr/bin/env node
/**
 * `npm test`: lint (Biome), typecheck (tsc) and every test (Vitest), in that order, stopping at the first step that
 * fails. Without a terminal the output has no colour codes, and the last line is always the summary of the run:
 *
 *   npm test: passed · lint, typecheck, 1234 tests in 210 files (3 skipped) · 4m 05s
 *
 * Arguments after `--` go to Vitest (a file filter, say): `npm test -- packages/core`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const env = { ...process.env };
if (!colour) {
  env.NO_COLOR = "1";
  delete env.FORCE_COLOR;
}
const bin = (name, path) => [process.execPath, join(root, "node_modules", name, path)];
const reportFolder = mkdtempSync(join(tmpdir(), "trama-test-"));
const vitestReport = join(reportFolder, "vitest.json");

const steps = [
  { name: "lint", command: [...bin("@biomejs/biome", "bin/biome"), "check", ...(colour ? [] : ["--colors=off"]), "."] },
  {
    name: "typecheck",
    command: [...bin("typescript", "bin/tsc"), "-p", "tsconfig.json", ...(colour ? [] : ["--pretty", "false"])],
  },
  {
    name: "tests",
    command: [
      ...bin("vitest", "vitest.mjs"),
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${vitestReport}`,
      ...process.argv.slice(2),
    ],
  },
];

let failed;
for (const step of steps) {
  const result = spawnSync(step.command[0], step.command.slice(1), { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    failed = step.name;
    break;
  }
}
const summary = testSummary();
rmSync(reportFolder, { recursive: true, force: true });
const done = steps
  .slice(0, failed ? steps.findIndex((step) => step.name === failed) : steps.length)
  .map((step) => step.name);
const parts = [
  failed ? `FAILED at ${failed}` : "passed",
  [...done.filter((name) => name !== "tests"), summary].filter(Boolean).join(", "),
  elapsed(Date.now() - started),
];
console.log(`\nnpm test: ${parts.filter(Boolean).join(" · ")}`);
process.exitCode = failed ? 1 : 0;

/** "1234 tests in 210 files (3 skipped, 2 failed)" from Vitest's JSON report, when it ran. */
function testSummary() {
  let report;
  try {
    report = JSON.parse(readFileSync(vitestReport, "utf8"));
  } catch {
    return undefined;
  }
  const extra = [
    report.numPendingTests + report.numTodoTests > 0 ? `${report.numPendingTests + report.numTodoTests} skipped` : "",
    report.numFailedTests > 0 ? `${report.numFailedTests} failed` : "",
    report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? `${report.numFailedTestSuites} files failed` : "",
  ].filter(Boolean);
  return `${report.numPassedTests} tests passed in ${report.testResults.length} files${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

function elapsed(milliseconds) {
  const seconds = Math.round(milliseconds / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}
