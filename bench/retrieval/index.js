/**
 * The retrieval benchmark: keyword search (BM25) and vector search, Trama's stores beside the libraries a user would
 * pick instead. `node bench/run.js retrieval` (or `node bench/retrieval/index.js`) runs it alone; the SQL stores' write
 * and query throughput is `bench/sql-stores/`.
 */
import { fileURLToPath } from "node:url";
import { benchKeywordSearch } from "./keyword.js";
import { benchVectorSearch } from "./vectors.js";

export async function benchRetrieval() {
  console.log("\n## Retrieval (each library in a child process of its own; the machine may be shared: compare ratios)");
  await benchKeywordSearch();
  await benchVectorSearch();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchRetrieval();
