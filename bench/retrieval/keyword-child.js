/**
 * One keyword search library, measured in a process of its own (`keyword.js` starts it) so that its memory is its own:
 *
 *   node --expose-gc keyword-child.js PEER BUDGET_MS
 *
 * Builds the index over the cached corpus (index time, and resident memory before and after, after a full GC), then
 * runs each query set in order until every query ran or the set's time budget is spent. Before each set, untimed
 * warm-up queries of the same kind but not in the set (up to 500, or a third of the budget) bring JIT-compiled
 * libraries to their steady state, which is what a server sees after its first few hundred queries; the measured
 * queries themselves are never run twice, so no result is served warm.
 * Prints `{ indexMs, memoryMB, sets: { mid: { times, results }, frequent: … } }` or `{ error }`.
 */
import { loadCorpus } from "./corpus.js";
import { keywordPeers } from "./keyword-peers.js";

const [name, budgetText] = process.argv.slice(2);
const budget = Number(budgetText);
const WARMUP_SHARE = 1 / 3;

const settledMemory = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().rss;
};

try {
  const corpus = loadCorpus();
  const before = settledMemory();
  const start = performance.now();
  const search = await keywordPeers[name].build(corpus.documents);
  const indexMs = performance.now() - start;
  const memoryMB = (settledMemory() - before) / 2 ** 20;
  const sets = {};
  for (const [set, queries, warmup] of [
    ["mid", corpus.midQueries, corpus.warmupMidQueries],
    ["frequent", corpus.frequentQueries, corpus.warmupFrequentQueries],
  ]) {
    const warmupStart = performance.now();
    for (const query of warmup) {
      if (performance.now() - warmupStart > budget * WARMUP_SHARE) break;
      await search(query);
    }
    if (search.pruning) Object.assign(search.pruning, { postings: 0, scored: 0 });
    const times = [];
    const results = [];
    const setStart = performance.now();
    for (const query of queries) {
      if (performance.now() - setStart > budget) break;
      const queryStart = performance.now();
      const result = await search(query);
      times.push(performance.now() - queryStart);
      results.push(Array.from(result, Number));
    }
    sets[set] = { times, results, ...(search.pruning ? { pruning: { ...search.pruning } } : {}) };
  }
  process.stdout.write(`${JSON.stringify({ indexMs, memoryMB, sets })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ error: error instanceof Error ? error.message.split("\n")[0] : String(error) })}\n`,
  );
}
