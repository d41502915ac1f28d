/**
 * The council's wall time against the target: with N members (3 to 8) of fixed simulated latency L, one run
 * takes three rounds of calls (answers in parallel, reviews in parallel, the chairman), so it should take at most
 * 3·L + 50 ms. Members are loopback servers in a child process (`member-servers.js`), each on its own port, so each
 * is its own endpoint with its own concurrency slot; every reply streams. Reported: the median wall time of several
 * runs per N, the overhead over 3·L, and whether the target is met, by how much; beside it, the floor of the same
 * three rounds done with raw `fetch` (N requests at once, each read to its end, three times in a row) against the
 * same servers, so that what the machine itself adds (a loaded CI box adds tens of milliseconds per round) is seen
 * apart from what the council adds.
 *
 * A second table shows why endpoints matter: three members that share one local server (as models of one Ollama
 * do) answer one at a time under the model layer's default limit of one call per local endpoint, about (2N + 1)·L,
 * and in parallel again once the council file raises that endpoint's `concurrency`.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { runCouncil } from "@trama/council";
import { median, printTable, targetVerdict } from "../measure.js";

const LATENCY_MS = Number(process.env.COUNCIL_BENCH_LATENCY_MS ?? 100);
const RUNS = Number(process.env.COUNCIL_BENCH_RUNS ?? 5);
const COUNTS = [3, 4, 5, 6, 7, 8];
const TARGET_MS = 50;

async function startMembers(count) {
  const child = fork(
    fileURLToPath(new URL("./member-servers.js", import.meta.url)),
    [String(count), String(LATENCY_MS)],
    {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
      execArgv: [],
    },
  );
  const [line] = await Promise.race([
    once(child.stdout, "data"),
    once(child, "exit").then(() => {
      throw new Error("the member servers exited before listening");
    }),
  ]);
  const { shorthands } = JSON.parse(String(line));
  return { shorthands, stop: () => child.exitCode === null && child.kill("SIGTERM") };
}

/** Median wall time of `RUNS` council runs (after one warm-up run), and the last result. */
async function timeCouncil(config) {
  const samples = [];
  let result;
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    result = await runCouncil(config, { question: "Why is the sky blue?" }, { title: false }).result;
    if (result.status !== "complete")
      throw new Error(`a council run ended ${result.status}: ${JSON.stringify(result.errors)}`);
    if (run > 0) samples.push(performance.now() - start);
  }
  return { wall: median(samples), result };
}

/** Median wall time of three rounds of raw `fetch` to every member at once: the floor under any council. */
async function timeRawRounds(shorthands) {
  const urls = shorthands.map((shorthand) =>
    shorthand.replace(/^openai-compatible:/, "").replace(/#.*$/, "/chat/completions"),
  );
  const body = JSON.stringify({
    model: "m",
    stream: true,
    messages: [{ role: "user", content: "Why is the sky blue?" }],
  });
  const round = () =>
    Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
        await response.text();
      }),
    );
  const samples = [];
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    for (let stage = 0; stage < 3; stage++) await round();
    if (run > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}

const verdict = (wall, budget) => targetVerdict({ value: wall, target: budget, unit: "ms" });

export async function benchCouncil() {
  const rows = [];
  const members = await startMembers(Math.max(...COUNTS));
  try {
    for (const count of COUNTS) {
      const config = { members: members.shorthands.slice(0, count), seed: 1, maxRetries: 0 };
      const { wall, result } = await timeCouncil(config);
      const raw = await timeRawRounds(config.members);
      const budget = 3 * LATENCY_MS + TARGET_MS;
      rows.push([
        count,
        wall.toFixed(1),
        (wall - 3 * LATENCY_MS).toFixed(1),
        raw.toFixed(1),
        (wall - raw).toFixed(1),
        (wall / raw).toFixed(2),
        `${result.answers.length}/${result.reviews.length}/1`,
        verdict(wall, budget),
      ]);
    }
  } finally {
    members.stop();
  }
  printTable(
    `Council wall time, N members of latency L = ${LATENCY_MS} ms, each on its own loopback endpoint, streamed (median of ${RUNS} runs; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores) — target: at most 3·L + ${TARGET_MS} = ${3 * LATENCY_MS + TARGET_MS} ms`,
    [
      "N",
      "council ms",
      "over 3·L",
      "raw fetch 3 rounds ms",
      "council − raw",
      "council / raw",
      "answers/reviews/chair",
      "target",
    ],
    rows,
  );

  // Three members on one server: the default limit of one call per local endpoint serializes them.
  const shared = await startMembers(1);
  try {
    const url = shared.shorthands[0].replace(/^openai-compatible:/, "").replace(/\/v1#.*$/, "/v1");
    const models = [0, 1, 2].map((index) => ({ model: shared.shorthands[0], name: `shared-${index}` }));
    const serial = await timeCouncil({ members: models, seed: 1, maxRetries: 0 });
    const parallel = await timeCouncil({ members: models, seed: 1, maxRetries: 0, concurrency: { [url]: 3 } });
    printTable(
      `Three members sharing one loopback server (L = ${LATENCY_MS} ms), as the models of one Ollama do`,
      ["endpoint limit", "wall ms", "over 3·L ms", "rounds of L"],
      [
        [
          "default (1 call at a time)",
          serial.wall.toFixed(1),
          (serial.wall - 3 * LATENCY_MS).toFixed(1),
          (serial.wall / LATENCY_MS).toFixed(1),
        ],
        [
          "concurrency: 3 in the council file",
          parallel.wall.toFixed(1),
          (parallel.wall - 3 * LATENCY_MS).toFixed(1),
          (parallel.wall / LATENCY_MS).toFixed(1),
        ],
      ],
    );
  } finally {
    shared.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCouncil();
