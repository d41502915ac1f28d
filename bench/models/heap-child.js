/**
 * Heap allocated per stream, measured in a child process of its own (`streaming.js` starts it):
 *
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 heap-child.js ORIGIN MODEL COUNT
 *
 * For each client: 10 warm-up streams, then per sample a full `gc()`, `process.memoryUsage().heapUsed`, one stream,
 * `heapUsed` again. The difference is what the stream allocated on the JavaScript heap (live or garbage), provided no
 * collection ran in between: the 64 MB semi-spaces (the default is at most 16 MB) let a stream's garbage stay in the
 * young generation, and samples during which a GC ran anyway (seen by a `gc` PerformanceObserver) are dropped. Memory
 * outside the JavaScript heap (undici's buffers, ArrayBuffers) is not counted. Prints `{ name: bytes | error }`.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { median } from "../measure.js";
import { clients } from "./clients.js";

const [origin, model, countText, protocol] = process.argv.slice(2);
const mode = { model, count: Number(countText) };
const WARMUP = 10;
const SAMPLES = 12;

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");

let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ["gc"] });
/** Lets the observer deliver the entries of collections that already ran (they come a few ticks late). */
const settle = () => new Promise((resolve) => setTimeout(() => setImmediate(resolve), 2));

const results = {};
for (const client of clients.filter((candidate) => candidate.protocol === protocol)) {
  try {
    const stream = await client.create({ origin });
    for (let index = 0; index < WARMUP; index++) await stream(mode);
    const samples = [];
    for (let index = 0; index < SAMPLES * 3 && samples.length < SAMPLES; index++) {
      globalThis.gc();
      await settle();
      const seen = collections;
      const before = process.memoryUsage().heapUsed;
      await stream(mode);
      const after = process.memoryUsage().heapUsed;
      await settle();
      if (collections === seen) samples.push(after - before);
    }
    results[client.name] = samples.length ? median(samples) : { error: "a GC ran during every sample" };
  } catch (error) {
    results[client.name] = { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
