/**
 * One vector search approach, measured in a process of its own (`vectors.js` starts it):
 *
 *   node --expose-gc vector-child.js APPROACH DATASET BUDGET_MS
 *
 * DATASET is `uniform` (exact search) or `clustered` (approximate search). Builds the index (time, and resident
 * memory after a full GC), then answers the queries in order, three untimed first, until all ran or the budget is
 * spent. Prints `{ buildMs, memoryMB, times, results }` (results: the top-10 row numbers per query) or `{ error }`.
 */
import { createRequire } from "node:module";
import { clusteredVectors, rowOf, uniformVectors, VECTORS } from "./vector-data.js";

const [approach, dataset, budgetText] = process.argv.slice(2);
const count = dataset === "clustered" ? VECTORS.approximateCount : VECTORS.count;
const { dimension } = VECTORS;
const TOP = 10;
// usearch's ES module entry cannot find its native build; its CommonJS entry can.
const usearch = () => createRequire(import.meta.url)("usearch");

/** The k best rows of `scores` (ties: the earlier row), as the plain loops' selection. */
function topRows(scores) {
  const best = [];
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row];
    if (best.length === TOP && score <= best[TOP - 1].score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].score < score) at--;
    best.splice(at, 0, { row, score });
    if (best.length > TOP) best.pop();
  }
  return best.map((hit) => hit.row);
}

async function tramaStore(data, options) {
  const { Document } = await import("@trama/core");
  const { InMemoryDocumentStore } = await import("@trama/retrieval");
  const store = new InMemoryDocumentStore(options);
  for (let first = 0; first < count; first += 10_000) {
    const batch = [];
    for (let row = first; row < Math.min(count, first + 10_000); row++) {
      batch.push(new Document({ id: String(row), embedding: rowOf(data, row, dimension) }));
    }
    await store.write(batch);
  }
  return async (query) => (await store.vectorSearch(query, { topK: TOP })).map((document) => Number(document.id));
}

const approaches = {
  plainLoop: async (data) => {
    const scores = new Float32Array(count);
    return (query) => {
      for (let row = 0; row < count; row++) {
        let sum = 0;
        for (let index = 0, offset = row * dimension; index < dimension; index++, offset++)
          sum += data[offset] * query[index];
        scores[row] = sum;
      }
      return topRows(scores);
    };
  },
  unrolledLoop: async (data) => {
    const scores = new Float32Array(count);
    return (query) => {
      for (let row = 0; row < count; row++) {
        let [a, b, c, d] = [0, 0, 0, 0];
        for (let index = 0, offset = row * dimension; index < dimension; index += 4, offset += 4) {
          a += data[offset] * query[index];
          b += data[offset + 1] * query[index + 1];
          c += data[offset + 2] * query[index + 2];
          d += data[offset + 3] * query[index + 3];
        }
        scores[row] = a + b + c + d;
      }
      return topRows(scores);
    };
  },
  trama: (data) => tramaStore(data, { similarity: "dot" }),
  tramaInt8: (data) => tramaStore(data, { similarity: "dot", vectorStorage: "int8" }),
  usearchExact: async (data) => (query) =>
    Array.from(usearch().exactSearch(data, query, dimension, TOP, "ip", 1).keys, Number),
  usearchExactThreads: async (data) => (query) =>
    Array.from(usearch().exactSearch(data, query, dimension, TOP, "ip", 0).keys, Number),
  usearchHnsw: async (data) => {
    const { Index } = usearch();
    const index = new Index({
      dimensions: dimension,
      metric: "cos",
      quantization: "f32",
      connectivity: 16,
      expansion_add: 128,
      expansion_search: 64,
      multi: false,
    });
    index.add(
      BigUint64Array.from({ length: count }, (_, row) => BigInt(row)),
      data,
      0,
    );
    return (query) => Array.from(index.search(query, TOP, 1).keys, Number);
  },
  tramaApproximate: (data) => tramaStore(data, { similarity: "cosine", approximate: { library: "usearch" } }),
};

const settledMemory = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().rss;
};

try {
  const { data, queries } =
    dataset === "clustered"
      ? clusteredVectors(count, VECTORS.queries, dimension, VECTORS)
      : {
          data: uniformVectors(count, dimension, VECTORS.seed),
          queries: uniformVectors(VECTORS.queries, dimension, VECTORS.seed + 1),
        };
  const before = settledMemory();
  const start = performance.now();
  const search = await approaches[approach](data);
  const buildMs = performance.now() - start;
  const memoryMB = (settledMemory() - before) / 2 ** 20;
  const rows = Array.from({ length: VECTORS.queries }, (_, row) =>
    queries.slice(row * dimension, (row + 1) * dimension),
  );
  for (const query of rows.slice(0, 3)) await search(query);
  const times = [];
  const results = [];
  const started = performance.now();
  for (const query of rows) {
    if (performance.now() - started > Number(budgetText)) break;
    const queryStart = performance.now();
    const result = await search(query);
    times.push(performance.now() - queryStart);
    results.push(result);
  }
  process.stdout.write(`${JSON.stringify({ buildMs, memoryMB, times, results })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ error: error instanceof Error ? error.message.split("\n")[0] : String(error) })}\n`,
  );
}
