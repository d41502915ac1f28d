/**
 * Keyword search (BM25) on 100,000 generated documents (`corpus.js`): index time, memory, median and p95 latency of
 * two-word OR queries (1,000 from mid-frequency words, 200 from the 50 most frequent ones), and top-10 overlap with
 * the exhaustive reference BM25, for Trama's in-memory and SQLite stores, SQLite FTS5 used directly, MiniSearch,
 * Orama, FlexSearch and wink-bm25-text-search. Each library runs in a child process of its own, one after another.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, printTable, targetVerdict } from "../measure.js";
import { loadCorpus } from "./corpus.js";
import { keywordPeers } from "./keyword-peers.js";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./keyword-child.js", import.meta.url));
/** Time per query set and library; slow libraries answer fewer queries (the table says how many). */
const BUDGET_MS = 6_000;

async function measure(name, budget) {
  try {
    const { stdout } = await run(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=8192", child, name, String(budget)],
      {
        maxBuffer: 256 * 2 ** 20,
      },
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
const ms = (value) =>
  value === undefined ? "n/a" : value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0);

function overlap(results, reference) {
  let shared = 0;
  let exact = 0;
  results.forEach((result, index) => {
    const expected = reference[index];
    const hits = result.filter((id) => expected.includes(id)).length;
    shared += hits / Math.max(expected.length, 1);
    if (result.length === expected.length && result.every((id, position) => id === expected[position])) exact++;
  });
  return { mean: shared / Math.max(results.length, 1), exact, of: results.length };
}

/** Runs every library, prints the table and the target ratios; returns the measurements. */
export async function benchKeywordSearch() {
  loadCorpus(); // generates and caches the corpus once, before the children read it
  const reference = await measure("reference", Number.POSITIVE_INFINITY);
  if (reference.error) throw new Error(`the reference BM25 failed: ${reference.error}`);
  const rows = {};
  for (const name of Object.keys(keywordPeers)) {
    const result = name === "reference" ? reference : await measure(name, BUDGET_MS);
    if (result.error) {
      rows[name] = { error: result.error };
      continue;
    }
    const row = { indexMs: result.indexMs, memoryMB: result.memoryMB };
    for (const set of ["mid", "frequent"]) {
      const { times, results } = result.sets[set];
      row[set] = {
        median: median(times),
        p95: percentile(times, 0.95),
        count: times.length,
        overlap: overlap(results, reference.sets[set].results),
        pruning: result.sets[set].pruning,
      };
    }
    rows[name] = row;
  }
  printKeywordTable(rows);
  return rows;
}

function printKeywordTable(rows) {
  const corpus = loadCorpus();
  const sizes = { mid: corpus.midQueries.length, frequent: corpus.frequentQueries.length };
  printTable(
    "Keyword search: 100,000 documents of 70–130 Zipf words, two-word OR queries, top 10, each library warmed up by up to 500 other queries of the same kind — ms per query (median / p95), overlap with the exhaustive BM25 top 10",
    [
      "library",
      "index s",
      "memory MB",
      "mid median",
      "mid p95",
      "frequent median",
      "frequent p95",
      "overlap mid / freq",
      "queries run",
    ],
    Object.entries(rows).map(([name, row]) => {
      const label = keywordPeers[name].label;
      if (row.error) {
        const missing = name === "tramaSqlite" && /Cannot find|not found|ERR_MODULE/i.test(row.error);
        return [
          missing ? "our SQLite store: not available yet" : label,
          `n/a (${row.error.slice(0, 90)})`,
          "",
          "",
          "",
          "",
          "",
          "",
          "",
        ];
      }
      return [
        label,
        (row.indexMs / 1000).toFixed(1),
        row.memoryMB.toFixed(0),
        ms(row.mid.median),
        ms(row.mid.p95),
        ms(row.frequent.median),
        ms(row.frequent.p95),
        `${row.mid.overlap.mean.toFixed(3)} / ${row.frequent.overlap.mean.toFixed(3)}`,
        `${row.mid.count}/${sizes.mid}, ${row.frequent.count}/${sizes.frequent}`,
      ];
    }),
  );
  const ours = rows.trama;
  if (!ours || ours.error) return;
  console.log("\nTargets (ratios of medians, same run):");
  const exact = ["mid", "frequent"]
    .map((set) => `${ours[set].overlap.exact}/${ours[set].overlap.of} ${set}`)
    .join(", ");
  const allExact =
    ours.mid.overlap.exact === ours.mid.overlap.of && ours.frequent.overlap.exact === ours.frequent.overlap.of;
  console.log(
    `- Trama returns the exhaustive BM25 top 10 in order for ${exact} queries: ${allExact ? "met" : "missed"}`,
  );
  const { postings, scored } = ours.frequent.pruning ?? {};
  if (postings) {
    const share = scored / postings;
    console.log(
      `- frequent set: Trama scored ${(share * 100).toFixed(1)}% of the postings of the query terms (pruning; an exhaustive search scores 100%): ${share < 0.5 ? "met" : "missed"}`,
    );
  }
  for (const [peer, target] of [
    ["fts5", 30],
    ["minisearch", 100],
  ]) {
    for (const set of ["mid", "frequent"]) {
      const theirs = rows[peer];
      if (!theirs || theirs.error) {
        console.log(`- ${keywordPeers[peer].label}, ${set}: not measured`);
        continue;
      }
      const ratio = theirs[set].median / ours[set].median;
      console.log(
        `- ${set} set: Trama BM25 against ${keywordPeers[peer].label}, times faster: ${targetVerdict({ value: ratio, target, unit: "×", atLeast: true })}`,
      );
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchKeywordSearch();
