/**
 * Streaming overhead of Trama's model layer. A loopback server in its own process (`stream-server.js`) streams 200
 * content chunks in one write (burst) and, separately, 20 chunks one per millisecond (paced), as OpenAI-style SSE and
 * as Ollama's NDJSON. Each client streams the same responses, one at a time: Trama's generator called directly and
 * inside a streamed pipeline, beside raw `fetch` with a minimal line parser (the baseline), the `openai` SDK, the
 * Vercel AI SDK, LangChain.js and the `ollama` client, in one process and one run.
 *
 * Reported, as medians: time to the first text delta (TTFD), total time, per-chunk overhead over raw
 * ((total − raw total) / chunks), ratios to raw; then heap allocated per stream (a child process with `--expose-gc`,
 * see heap-child.js), import time (fresh processes, see `importTime`), what each layer of Trama's path adds
 * (layers.js), and the issue's targets, met or missed and by how much.
 */
import { execFile, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { seededRandom } from "@trama/core";
import { attempt, median, printTable, targetVerdict } from "../measure.js";
import { clients } from "./clients.js";
import { sseLayers } from "./layers.js";

const run = promisify(execFile);
const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));

const MODES = [
  { key: "burst", model: "burst-200", count: 200, warmup: 20, streams: 80, describe: "200 chunks in one write" },
  { key: "paced", model: "paced-20", count: 20, warmup: 5, streams: 40, describe: "20 chunks, one per millisecond" },
];
const PROTOCOLS = [
  { key: "sse", title: "OpenAI-compatible SSE (POST /v1/chat/completions)" },
  { key: "ndjson", title: "Ollama NDJSON (POST /api/chat)" },
];
const IMPORT_RUNS = 7;

const format = (value, digits = 2) => (value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits));
const signed = (value, digits = 2) =>
  value === undefined ? "n/a" : `${value >= 0 ? "+" : "−"}${format(Math.abs(value), digits)}`;
const reason = (error) => `n/a (${error})`;

/** Starts the server process; resolves once it prints its port. */
async function startServer() {
  const child = fork(fileURLToPath(new URL("./stream-server.js", import.meta.url)), [], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
    execArgv: [],
  });
  const [line] = await Promise.race([
    once(child.stdout, "data"),
    once(child, "exit").then(() => {
      throw new Error("the stream server exited before listening");
    }),
  ]);
  const { port } = JSON.parse(String(line));
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => {
      if (child.exitCode === null) child.kill("SIGTERM");
    },
  };
}

function shuffled(items, next) {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/** Lets work a client left behind (callbacks, timers, a collection it made due) run before the next stream. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

/**
 * Median TTFD and total of each client over `mode.streams` streams, after `mode.warmup` unmeasured ones. Clients take
 * turns, one stream each per round, in a new random order each round and with a short pause between streams: drift of
 * the machine, and what one client leaves behind (garbage, background callbacks), spread over all clients instead of
 * landing on whichever one runs after it. A client that fails is left out of later rounds and shows its error.
 */
async function measureTurns(streams, mode) {
  const samples = new Map([...streams.keys()].map((name) => [name, { ttfd: [], total: [] }]));
  const failed = new Map();
  const next = seededRandom(0x5eed);
  for (let round = 0; round < mode.warmup + mode.streams; round++) {
    for (const name of shuffled([...streams.keys()], next)) {
      if (failed.has(name)) continue;
      await pause();
      const result = await attempt(() => streams.get(name)(mode));
      if (result.error) failed.set(name, result.error);
      else if (round >= mode.warmup) {
        samples.get(name).ttfd.push(result.value.ttfd);
        samples.get(name).total.push(result.value.total);
      }
    }
  }
  return new Map(
    [...streams.keys()].map((name) => {
      if (failed.has(name)) return [name, { error: failed.get(name) }];
      const { ttfd, total } = samples.get(name);
      return [name, { ttfd: median(ttfd), total: median(total) }];
    }),
  );
}

/** Milliseconds to import `modules` in a fresh `node` (timed inside it, so process start-up is left out); median. */
async function importTime(modules) {
  const code = `const start = performance.now();
for (const name of ${JSON.stringify(modules)}) await import(name);
process.stdout.write(String(performance.now() - start));`;
  const samples = [];
  for (let index = 0; index < IMPORT_RUNS; index++) {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], { cwd: BENCH_DIR });
    samples.push(Number(stdout));
  }
  return median(samples);
}

/** Heap allocated per stream of each client of `protocol`, from a child process (see heap-child.js). */
async function heapPerStream(origin, protocol, mode) {
  const { stdout } = await run(
    process.execPath,
    [
      "--expose-gc",
      "--min-semi-space-size=64",
      "--max-semi-space-size=64",
      fileURLToPath(new URL("./heap-child.js", import.meta.url)),
      origin,
      mode.model,
      String(mode.count),
      protocol,
    ],
    { cwd: BENCH_DIR, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout);
}

function versionOf(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
  } catch {
    return "?";
  }
}

const versionsOf = (client) =>
  client.trama ? "this repository" : client.library.map((name) => `${name} ${versionOf(name)}`).join(", ") || "—";

/**
 * Runs the streaming benchmark in a fresh `node` process and waits for it. A fresh process matters: libraries run
 * before it in the same process leave state behind that slows promise-heavy code — LangGraph.js and Mastra in the
 * pipeline benchmark enable an AsyncLocalStorage, after which Node 20 runs a promise hook for every promise (see the
 * last table), and their retained heap makes every collection dearer.
 */
export async function benchStreaming() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { stdio: "inherit" });
  const [code, signal] = await once(child, "exit");
  if (code !== 0) console.log(`\nStreaming benchmark: n/a (its process ended with ${signal ?? `code ${code}`})`);
}

/** The benchmark itself, in this process. */
async function runStreaming() {
  const server = await startServer();
  try {
    return await benchAgainst(server.origin);
  } finally {
    server.stop();
  }
}

async function benchAgainst(origin) {
  console.log(
    `\nStreaming: a loopback server in its own process; each client streams one response at a time, medians. Versions measured: ${clients
      .filter((client) => client.library.length)
      .map(versionsOf)
      .join("; ")}${
      Number(process.versions.node.split(".")[0]) < 22
        ? " (the newest releases that run on Node 20: openai 7, ai 7 and @langchain/openai ≥ 1.5.9 need Node 22)"
        : ""
    }.`,
  );

  // Every client is built once; one that cannot be built (a missing or unbuilt package) is "n/a" everywhere.
  const built = new Map();
  for (const client of clients) built.set(client.name, await attempt(() => client.create({ origin })));

  const results = {};
  for (const protocol of PROTOCOLS) {
    const members = clients.filter((client) => client.protocol === protocol.key);
    for (const mode of MODES) {
      const table = {};
      const streams = new Map();
      for (const client of members) {
        const stream = built.get(client.name);
        if (stream.error) table[client.name] = { error: stream.error };
        else streams.set(client.name, stream.value);
      }
      for (const [name, row] of await measureTurns(streams, mode)) table[name] = row;
      const raw = table[members.find((client) => client.baseline).name];
      for (const row of Object.values(table)) {
        if (row.error || raw.error) continue;
        row.ttfdOverRaw = row.ttfd - raw.ttfd;
        row.ratio = row.total / raw.total;
        row.usPerChunk = ((row.total - raw.total) * 1000) / mode.count;
      }
      results[`${protocol.key}/${mode.key}`] = table;
      printTable(
        `${protocol.title}, ${mode.key}: ${mode.describe} — median of ${mode.streams} streams`,
        ["client", "TTFD ms", "TTFD − raw", "total ms", "total / raw", "µs/chunk over raw"],
        members.map((client) => {
          const row = table[client.name];
          if (row.error) return [client.name, reason(row.error), "", "", "", ""];
          return [
            client.name,
            format(row.ttfd),
            client.baseline ? "" : `${signed(row.ttfdOverRaw)} ms`,
            format(row.total),
            client.baseline ? "" : `${format(row.ratio)}×`,
            client.baseline ? "" : format(row.usPerChunk, 1),
          ];
        }),
      );
    }
  }

  // Heap per stream (burst) and import time per library.
  const burst = MODES[0];
  const heap = {};
  for (const protocol of PROTOCOLS) {
    const measured = await attempt(() => heapPerStream(origin, protocol.key, burst));
    for (const client of clients.filter((candidate) => candidate.protocol === protocol.key)) {
      heap[client.name] = measured.error ? { error: measured.error } : (measured.value[client.name] ?? { error: "?" });
    }
  }
  const imports = {};
  for (const client of clients) {
    const key = client.imports.join(" + ");
    if (!client.imports.length || key in imports || built.get(client.name).error) continue;
    imports[key] = await attempt(() => importTime(client.imports));
  }
  printTable(
    `Heap allocated per stream (burst of ${burst.count}; child process, --expose-gc) and import time (fresh process, median of ${IMPORT_RUNS})`,
    ["client", "versions", "heap KB/stream", "heap / raw", "import ms", "imports"],
    clients.map((client) => {
      const bytes = heap[client.name];
      const rawBytes = heap[clients.find((other) => other.protocol === client.protocol && other.baseline).name];
      const key = client.imports.join(" + ");
      const imported = imports[key];
      return [
        client.name,
        versionsOf(client),
        typeof bytes === "number" ? format(bytes / 1024, 0) : reason(bytes?.error ?? "not measured"),
        typeof bytes === "number" && typeof rawBytes === "number" && !client.baseline
          ? `${format(bytes / rawBytes, 1)}×`
          : "",
        !client.imports.length
          ? "—"
          : imported
            ? imported.error
              ? reason(imported.error)
              : format(imported.value, 0)
            : "n/a",
        key || "(fetch is built in)",
      ];
    }),
  );

  const layers = await attempt(() => benchLayers(origin, built.get(clients.find((client) => client.baseline).name)));
  if (layers.error) console.log(`\nTrama's layers: n/a (${layers.error})`);
  const stats = await attempt(async () => (await fetch(`${origin}/stats`)).json());
  if (!stats.error) {
    console.log(
      `\nThe server accepted ${stats.value.connections} connections in all (every client keeps its connection alive between streams).`,
    );
  }

  printTargets(results, "sse", "Targets (Trama's OpenAI-compatible generator, ratios to raw fetch in this run)", true);
  printTargets(results, "ndjson", "Ollama NDJSON, the same measures (for information)", false);

  // Last, because it cannot be undone in this process: the same burst with an AsyncLocalStorage active.
  const withContext = await attempt(() => benchWithAsyncContext(built));
  if (withContext.error) console.log(`\nWith an AsyncLocalStorage active: n/a (${withContext.error})`);
  return { results, heap, imports, layers: layers.value, withContext: withContext.value };
}

/**
 * The SSE burst again, for raw fetch, Trama and the `openai` SDK, once an AsyncLocalStorage is active, as it is in
 * applications traced with OpenTelemetry or built with LangGraph.js or Mastra: Node 20 then runs a promise hook for
 * every promise created, so each promise a stream makes per chunk costs more.
 */
async function benchWithAsyncContext(built) {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  new AsyncLocalStorage().enterWith({ bench: true });
  const mode = MODES[0];
  const members = clients.filter(
    (client) => client.protocol === "sse" && (client.baseline || client.trama || client.library[0] === "openai"),
  );
  const streams = new Map();
  for (const client of members)
    if (!built.get(client.name).error) streams.set(client.name, built.get(client.name).value);
  const measured = await measureTurns(streams, mode);
  const raw = measured.get(members.find((client) => client.baseline).name);
  printTable(
    `With an AsyncLocalStorage active (OpenTelemetry, LangGraph.js, Mastra): SSE burst of ${mode.count} — median of ${mode.streams} streams`,
    ["client", "TTFD − raw", "total / raw", "µs/chunk over raw"],
    members.map((client) => {
      const row = measured.get(client.name);
      if (!row || row.error || raw.error) return [client.name, reason(row?.error ?? raw.error), "", ""];
      if (client.baseline) return [client.name, `(TTFD ${format(row.ttfd)} ms)`, `(total ${format(row.total)} ms)`, ""];
      return [
        client.name,
        `${signed(row.ttfd - raw.ttfd)} ms`,
        `${format(row.total / raw.total)}×`,
        format(((row.total - raw.total) * 1000) / mode.count, 1),
      ];
    }),
  );
  return measured;
}

/** What each layer of Trama's OpenAI-compatible path adds, bottom up, both modes, measured in the same turns as raw. */
async function benchLayers(origin, raw) {
  if (raw.error) throw new Error(raw.error);
  const layers = await sseLayers(origin);
  const names = ["raw fetch + SSE line parser", ...layers.map(([name]) => name)];
  const streams = new Map([[names[0], raw.value], ...layers]);
  const measured = {};
  for (const mode of MODES) measured[mode.key] = await measureTurns(streams, { ...mode, streams: mode.streams + 20 });
  const rows = names.map((name, index) => {
    const cells = [name];
    for (const mode of MODES) {
      const row = measured[mode.key].get(name);
      const below = index > 0 ? measured[mode.key].get(names[index - 1]) : undefined;
      const base = measured[mode.key].get(names[0]);
      if (row.error) {
        cells.push(reason(row.error), "", "");
        continue;
      }
      const perChunk = (a, b) => ((a.total - b.total) * 1000) / mode.count;
      if (index === 0) {
        cells.push(`(TTFD ${format(row.ttfd)} ms)`, "", `(total ${format(row.total)} ms)`);
        continue;
      }
      cells.push(
        `${signed(row.ttfd - base.ttfd)} ms`,
        below.error ? "n/a" : `${signed((row.ttfd - below.ttfd) * 1000, 0)} µs`,
        below.error ? "n/a" : `${signed(perChunk(row, below), 1)} µs`,
      );
    }
    return cells;
  });
  printTable(
    "Where Trama's time goes: the OpenAI-compatible path layer by layer (each row adds one layer to the row above)",
    ["layer", "burst TTFD − raw", "TTFD added", "µs/chunk added", "paced TTFD − raw", "TTFD added", "µs/chunk added"],
    rows,
  );
  return measured;
}

/** The issue's targets, for the direct and the pipeline clients of `protocol`. */
function printTargets(results, protocol, title, withPeers) {
  const members = clients.filter((client) => client.protocol === protocol);
  const direct = members.find((client) => client.trama === "direct").name;
  const pipeline = members.find((client) => client.trama === "pipeline").name;
  const burst = results[`${protocol}/burst`];
  const paced = results[`${protocol}/paced`];
  const verdict = (pairs, target) =>
    pairs
      .map(([label, row, value]) =>
        row.error || value === undefined ? `${label} n/a` : `${label} ${targetVerdict({ value, ...target })}`,
      )
      .join(", ");
  console.log(`\n${title}`);
  const perChunk = [
    ["direct", burst[direct], burst[direct].usPerChunk],
    ["pipeline", burst[pipeline], burst[pipeline].usPerChunk],
  ];
  console.log(
    `  ≤ 5 µs per chunk over raw (burst): direct ${format(burst[direct].usPerChunk, 1)} µs, pipeline ${format(burst[pipeline].usPerChunk, 1)} µs — ${verdict(
      perChunk,
      { target: 5, unit: "µs" },
    )}`,
  );
  const ratios = [
    ["direct", burst[direct], burst[direct].ratio],
    ["pipeline", burst[pipeline], burst[pipeline].ratio],
  ];
  console.log(
    `  burst total ≤ 1.5× raw: direct ${format(burst[direct].ratio)}×, pipeline ${format(burst[pipeline].ratio)}× — ${verdict(
      ratios,
      { target: 1.5, unit: "×", digits: 2 },
    )}`,
  );
  const ttfd = [
    ["burst direct", burst[direct], burst[direct].ttfdOverRaw],
    ["burst pipeline", burst[pipeline], burst[pipeline].ttfdOverRaw],
    ["paced direct", paced[direct], paced[direct].ttfdOverRaw],
    ["paced pipeline", paced[pipeline], paced[pipeline].ttfdOverRaw],
  ];
  console.log(
    `  TTFD ≤ raw + 0.2 ms: ${ttfd.map(([label, , value]) => `${label} ${signed(value)} ms`).join(", ")} — ${verdict(
      ttfd,
      { target: 0.2, unit: "ms", digits: 2 },
    )}`,
  );
  if (!withPeers) return;
  const sdk = burst[members.find((client) => client.library[0] === "openai").name];
  const factor = (row) =>
    sdk.error || row.error
      ? undefined
      : row.usPerChunk <= 0
        ? Number.POSITIVE_INFINITY
        : sdk.usPerChunk / row.usPerChunk;
  const factors = [
    ["direct", burst[direct], factor(burst[direct])],
    ["pipeline", burst[pipeline], factor(burst[pipeline])],
  ];
  const shown = (value) => (value === Number.POSITIVE_INFINITY ? "∞" : `${format(value, 1)}×`);
  console.log(
    `  ≥ 5× less per-chunk overhead than the openai SDK (${format(sdk.usPerChunk, 1)} µs): direct ${factors[0][2] === undefined ? "n/a" : shown(factors[0][2])}, pipeline ${factors[1][2] === undefined ? "n/a" : shown(factors[1][2])} — ${verdict(
      factors,
      { target: 5, unit: "×", atLeast: true },
    )}`,
  );
}

// `node bench/models/streaming.js`: the process `benchStreaming` starts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runStreaming();
