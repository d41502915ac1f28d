import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Browser modules every app's page can serve beside its own: `event-stream-reader.js` (`readEventStream(body,
 * onEvent)`, reading a `streamEvents` response incrementally, events split across network reads delivered whole) and
 * `vendor-eventsource-parser.js`, the parser it imports. Names are what the pages import; serve them with `serveFiles`
 * in the same folder as the page's own modules. The sources are plain JavaScript in `src/client/`, served as they are.
 */
export function eventStreamClientFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  // One level up is the package folder both from src/ (sources) and dist/ (the build).
  const client = fileURLToPath(new URL("../src/client/", import.meta.url));
  return {
    "event-stream-reader.js": join(client, "event-stream-reader.js"),
    // eventsource-parser's CommonJS entry sits beside its ES module build.
    "vendor-eventsource-parser.js": join(dirname(require.resolve("eventsource-parser")), "index.js"),
  };
}
