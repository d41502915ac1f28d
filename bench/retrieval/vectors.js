/**
 * Vector search on 100,000 × 384 float32 vectors, top 10, each approach in a child process of its own:
 * - exact search (uniform random vectors): a plain Float32Array loop, a 4-way unrolled loop, Trama's in-memory store
 *   (WebAssembly SIMD kernel; float32 and int8 storage) and usearch's exact search (native SIMD; one thread, and all);
 * - approximate search (clustered unit vectors, like sentence embeddings): usearch's HNSW index directly and behind
 *   Trama's store, recall@10 against the exact top 10.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, printTable, targetVerdict } from "../measure.js";
import { VECTORS } from "./vector-data.js";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./vector-child.js", import.meta.url));
const BUDGET_MS = 4_000;

async function measure(approach, dataset) {
  try {
    const { stdout } = await run(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=8192", child, approach, dataset, String(BUDGET_MS)],
      { maxBuffer: 64 * 2 ** 20 },
    );
    return JSON.parse(stdout.trim().split("\n").pop());
  } catch (error) {
    return {
      error: String(error.stderr || error.message)
        .trim()
        .split("\n")
        .slice(-1)[0],
    };
  }
}

const percentile = (values, share) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(share * values.length))];

/** The share of the reference's top 10 found, over the queries both answered. */
function recall(results, reference) {
  let found = 0;
  let total = 0;
  results.forEach((result, index) => {
    const expected = reference[index];
    if (!expected) return;
    found += result.filter((row) => expected.includes(row)).length;
    total += expected.length;
  });
  return total ? found / total : Number.NaN;
}

function rowsOf(labels, measured, reference) {
  return Object.entries(labels).map(([name, label]) => {
    const result = measured[name];
    if (result.error) return [label, `n/a (${result.error.slice(0, 80)})`, "", "", "", "", ""];
    return [
      label,
      (result.buildMs / 1000).toFixed(1),
      result.memoryMB.toFixed(0),
      median(result.times).toFixed(2),
      percentile(result.times, 0.95).toFixed(2),
      recall(result.results, reference.results).toFixed(3),
      String(result.times.length),
    ];
  });
}

/** Runs both parts, prints their tables and the exact-search target; returns the measurements. */
export async function benchVectorSearch() {
  const exact = {
    plainLoop: "plain Float32Array loop",
    unrolledLoop: "4-way unrolled loop",
    trama: "Trama InMemoryDocumentStore (WASM SIMD, float32)",
    tramaInt8: "Trama InMemoryDocumentStore (int8 storage)",
    usearchExact: "usearch exactSearch, 1 thread",
    usearchExactThreads: "usearch exactSearch, all threads",
  };
  const measuredExact = {};
  for (const name of Object.keys(exact)) measuredExact[name] = await measure(name, "uniform");
  const reference = measuredExact.plainLoop;
  if (reference.error) throw new Error(`the plain loop failed: ${reference.error}`);
  const header = ["approach", "build s", "memory MB", "median ms", "p95 ms", "top-10 agreement", "queries"];
  printTable(
    "Exact vector search: 100,000 × 384 float32, dot product, top 10 — agreement with the plain loop's top 10",
    header,
    rowsOf(exact, measuredExact, reference),
  );

  const approximate = {
    tramaExactClustered: "Trama exact (reference)",
    usearchHnsw: "usearch HNSW (M 16, ef 128/64), 1 search thread",
    tramaApproximate: "Trama store, approximate: usearch",
  };
  const measuredApproximate = {};
  for (const name of Object.keys(approximate)) {
    measuredApproximate[name] = await measure(name === "tramaExactClustered" ? "trama" : name, "clustered");
  }
  printTable(
    `Approximate vector search: ${VECTORS.approximateCount.toLocaleString("en")} embedding-like unit vectors × 384 (200 overlapping topics, intrinsic dimension 48), cosine, top 10 — recall@10 against the exact top 10`,
    header,
    rowsOf(approximate, measuredApproximate, measuredApproximate.tramaExactClustered),
  );

  const ours = measuredExact.trama;
  const theirs = measuredExact.usearchExact;
  if (!ours.error && !theirs.error) {
    const ratio = median(ours.times) / median(theirs.times);
    console.log(
      `\nTarget: Trama's exact search time over usearch's exact search on one thread: ${targetVerdict({ value: ratio, target: 1.3, unit: "×", digits: 2 })}`,
    );
  }
  return { exact: measuredExact, approximate: measuredApproximate };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchVectorSearch();
