/**
 * Write and query throughput of the SQL document stores: our SQLite store (one WAL file), our Postgres store on PGlite
 * with pgvector (served over the wire protocol on loopback) and on Debian's PostgreSQL 15 when installed (no pgvector
 * there: no vector column). Seeded corpus of 10,000 documents of 60–100 words from a Zipf vocabulary, 384-dimension
 * embeddings; writes in batches of 500; two-word keyword queries, top 10; exact vector queries, top 10.
 * `node bench/sql-stores/throughput.js` runs it alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, seededRandom } from "@trama/core";
import { PostgresDocumentStore } from "@trama/postgres";
import { startLocalPostgres, startPgliteServer } from "@trama/postgres/testing";
import { SqliteDocumentStore } from "@trama/sqlite";
import { attempt, printTable } from "../measure.js";

const DOCUMENTS = 10_000;
const BATCH = 500;
const DIMENSION = 384;
const VOCABULARY = 5_000;
const KEYWORD_QUERIES = 200;
const VECTOR_QUERIES = 30;

function corpus() {
  const next = seededRandom(42);
  const words = Array.from({ length: VOCABULARY }, (_, index) => `w${index.toString(36)}`);
  const weights = words.map((_, rank) => 1 / (rank + 1) ** 1.07);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative = [];
  let running = 0;
  for (const weight of weights) {
    running += weight / total;
    cumulative.push(running);
  }
  const word = () => {
    const target = next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return words[low];
  };
  const vector = () => Array.from({ length: DIMENSION }, () => next() * 2 - 1);
  const documents = Array.from(
    { length: DOCUMENTS },
    (_, index) =>
      new Document({
        id: `doc-${index}`,
        content: Array.from({ length: 60 + Math.floor(next() * 41) }, word).join(" "),
        meta: { episode: index % 50, speaker: `speaker-${index % 7}` },
        embedding: vector(),
      }),
  );
  const keywordQueries = Array.from(
    { length: KEYWORD_QUERIES },
    () => `${words[50 + Math.floor(next() * 2000)]} ${word()}`,
  );
  const vectorQueries = Array.from({ length: VECTOR_QUERIES }, vector);
  return { documents, keywordQueries, vectorQueries };
}

async function measure(store, data, { vectors }) {
  let start = performance.now();
  for (let offset = 0; offset < data.documents.length; offset += BATCH) {
    await store.write(data.documents.slice(offset, offset + BATCH));
  }
  const writePerSecond = data.documents.length / ((performance.now() - start) / 1000);
  start = performance.now();
  for (const query of data.keywordQueries) await store.keywordSearch(query, { topK: 10 });
  const keywordPerSecond = data.keywordQueries.length / ((performance.now() - start) / 1000);
  const filter = { field: "meta.episode", operator: "<", value: 10 };
  start = performance.now();
  for (const query of data.keywordQueries) await store.keywordSearch(query, { topK: 10, filters: filter });
  const filteredPerSecond = data.keywordQueries.length / ((performance.now() - start) / 1000);
  let vectorPerSecond;
  if (vectors) {
    await store.vectorSearch(data.vectorQueries[0], { topK: 10 });
    start = performance.now();
    for (const query of data.vectorQueries) await store.vectorSearch(query, { topK: 10 });
    vectorPerSecond = data.vectorQueries.length / ((performance.now() - start) / 1000);
  }
  return { writePerSecond, keywordPerSecond, filteredPerSecond, vectorPerSecond };
}

const format = (value) => (value === undefined ? "n/a" : value >= 100 ? value.toFixed(0) : value.toFixed(1));

export async function benchSqlStores() {
  const data = corpus();
  const folder = mkdtempSync(join(tmpdir(), "trama-bench-sql-"));
  const results = [];
  try {
    results.push([
      "Trama SQLite (WAL file, FTS5, sqlite-vec)",
      await attempt(async () => {
        const store = new SqliteDocumentStore({ path: join(folder, "bench.db") });
        try {
          return await measure(store, data, { vectors: true });
        } finally {
          await store.close();
        }
      }),
    ]);
    results.push([
      "Trama Postgres on PGlite 0.5 + pgvector (socket)",
      await attempt(() => withServer(startPgliteServer, data, { vectors: true })),
    ]);
    results.push([
      "Trama Postgres on PostgreSQL 15 (no pgvector)",
      await attempt(() => withServer(startLocalPostgres, data, { vectors: false })),
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const ours = results[0][1].value;
  const ratio = (value, key) => (value && ours?.[key] ? ` (${(value[key] / ours[key]).toFixed(2)}× SQLite)` : "");
  printTable(
    `SQL document stores: ${DOCUMENTS.toLocaleString("en")} documents × ${DIMENSION} dimensions, batches of ${BATCH}, top 10 (higher is better)`,
    ["store", "write docs/s", "keyword q/s", "keyword + filter q/s", "exact vector q/s"],
    results.map(([name, { value, error }]) =>
      error
        ? [name, `n/a (${error})`, "", "", ""]
        : [
            name,
            format(value.writePerSecond) + ratio(value, "writePerSecond"),
            format(value.keywordPerSecond) + ratio(value, "keywordPerSecond"),
            format(value.filteredPerSecond) + ratio(value, "filteredPerSecond"),
            format(value.vectorPerSecond) + (value.vectorPerSecond ? ratio(value, "vectorPerSecond") : ""),
          ],
    ),
  );
}

async function withServer(start, data, options) {
  const server = await start();
  try {
    const store = await PostgresDocumentStore.open({ connectionString: server.connectionString, table: "bench" });
    try {
      return await measure(store, data, options);
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSqlStores();
