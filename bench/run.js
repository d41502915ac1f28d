/** `npm run bench`: every benchmark, printed as tables with ratios. Numbers are measured here, never asserted. */
import { benchPipelineOverhead } from "./core/pipeline-overhead.js";
import { benchStreaming } from "./models/streaming.js";

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
await benchPipelineOverhead();
await benchStreaming();
await (await import("./sql-stores/throughput.js")).benchSqlStores();
await (await import("./council/council-latency.js")).benchCouncil();
