/** `npm run bench`: every benchmark, printed as tables with ratios. Numbers are measured here, never asserted. */
import { benchPipelineOverhead } from "./core/pipeline-overhead.js";
import { benchStreaming } from "./models/streaming.js";

/** `node bench/run.js retrieval` runs only the benchmarks named (core, models, sql-stores, council, retrieval). */
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
if (wanted("core")) await benchPipelineOverhead();
if (wanted("models")) await benchStreaming();
if (wanted("sql-stores")) await (await import("./sql-stores/throughput.js")).benchSqlStores();
if (wanted("council")) await (await import("./council/council-latency.js")).benchCouncil();
if (wanted("retrieval")) await (await import("./retrieval/index.js")).benchRetrieval();
