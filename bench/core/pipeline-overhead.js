/**
 * Per-step overhead of running pipelines: (a) a chain of 10 trivial components, (b) 8 parallel branches that each
 * wait 50 ms, then a join, (c) a loop of 1,000 iterations through a router and a greedy joiner. Trama beside
 * LangChain.js (LCEL, LangGraph.js), Mastra workflows and LlamaIndex.TS workflows, in one process and one run.
 */
import { attempt, printTable, targetVerdict, timePerCall, timeSlowCalls } from "../measure.js";
import { langgraph, lcel, llamaindex, mastra } from "./peers.js";
import { trama } from "./trama.js";

const CHAIN = 10;
const BRANCHES = 8;
const WAIT_MS = 50;
const ITERATIONS = 1000;

const plain = {
  chain(length) {
    const steps = Array.from({ length }, () => async (value) => value + 1);
    return async () => {
      let value = 0;
      for (const step of steps) value = await step(value);
      return value;
    };
  },
};

const libraries = [
  ["Trama", trama],
  ["LangChain LCEL", lcel],
  ["LangGraph.js", langgraph],
  ["Mastra workflows", mastra],
  ["LlamaIndex.TS workflows", llamaindex],
];

const format = (value, digits = 2) => (value === undefined ? "n/a" : value.toFixed(digits));

export async function benchPipelineOverhead() {
  const results = { chain: {}, parallel: {}, loop: {} };

  const baseline = await timePerCall(plain.chain(CHAIN));
  for (const [name, library] of libraries) {
    const chain = await attempt(() => timePerCall(library.chain(CHAIN)));
    results.chain[name] = chain.error ? { error: chain.error } : { usPerStep: (chain.value * 1000) / CHAIN };
    const parallel = await attempt(() => timeSlowCalls(library.parallel(BRANCHES, WAIT_MS)));
    results.parallel[name] = parallel.error ? { error: parallel.error } : { ms: parallel.value };
    if (library.loop) {
      const loop = await attempt(() => timePerCall(library.loop(ITERATIONS), { warmup: 3, rounds: 5, roundMs: 300 }));
      results.loop[name] = loop.error ? { error: loop.error } : { usPerStep: (loop.value * 1000) / (ITERATIONS * 2) };
    } else {
      results.loop[name] = { error: "no loops in LCEL" };
    }
  }

  const ratioRows = (table, key) => {
    const ours = table.Trama[key];
    return libraries.map(([name]) => {
      const row = table[name];
      return [
        name,
        row.error ? `n/a (${row.error})` : format(row[key]),
        row.error || name === "Trama" ? "" : `${format(row[key] / ours, 1)}×`,
      ];
    });
  };

  printTable(
    `(a) chain of ${CHAIN} trivial async components — µs per step (plain awaited functions: ${format((baseline * 1000) / CHAIN)} µs)`,
    ["library", "µs/step", "peer / Trama"],
    ratioRows(results.chain, "usPerStep"),
  );
  printTable(
    `(b) ${BRANCHES} parallel branches each awaiting a ${WAIT_MS} ms timer, then a join — ms per run`,
    ["library", "ms/run", "over 50 ms"],
    libraries.map(([name]) => {
      const row = results.parallel[name];
      return [
        name,
        row.error ? `n/a (${row.error})` : format(row.ms),
        row.error ? "" : `${format(((row.ms - WAIT_MS) / WAIT_MS) * 100, 1)}%`,
      ];
    }),
  );
  printTable(
    `(c) loop of ${ITERATIONS} iterations through a router and a greedy joiner — µs per step (2 steps per iteration)`,
    ["library", "µs/step", "peer / Trama"],
    ratioRows(results.loop, "usPerStep"),
  );

  const fastestPeer = (table, key) =>
    Math.min(...libraries.filter(([name]) => name !== "Trama" && !table[name].error).map(([name]) => table[name][key]));
  const chainUs = results.chain.Trama.usPerStep;
  const loopUs = results.loop.Trama.usPerStep;
  const parallelOver = ((results.parallel.Trama.ms - WAIT_MS) / WAIT_MS) * 100;
  const chainRatio = fastestPeer(results.chain, "usPerStep") / chainUs;
  const loopRatio = fastestPeer(results.loop, "usPerStep") / loopUs;
  console.log("\nTargets");
  console.log(`  (a) ≤ 5 µs per step: ${targetVerdict({ value: chainUs, target: 5, unit: "µs", digits: 2 })}`);
  console.log(`  (c) ≤ 5 µs per step: ${targetVerdict({ value: loopUs, target: 5, unit: "µs", digits: 2 })}`);
  console.log(`  (b) within 5% of 50 ms: ${targetVerdict({ value: parallelOver, target: 5, unit: "%" })}`);
  console.log(
    `  ≥ 10× less overhead than the fastest peer: chain ${targetVerdict({ value: chainRatio, target: 10, unit: "×", atLeast: true })}, loop ${targetVerdict({ value: loopRatio, target: 10, unit: "×", atLeast: true })}`,
  );
  return results;
}
