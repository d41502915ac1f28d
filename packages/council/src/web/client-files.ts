import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventStreamClientFiles } from "@trama/server";

/**
 * The page's files: its own modules, in `src/web/client/` (plain JavaScript, served as they are, also from the
 * published package), the browser builds of the libraries it uses, from `node_modules`: `marked` renders Markdown,
 * `dompurify` sanitizes the HTML; and the event stream reader the apps share (`eventStreamClientFiles`). Names are
 * what the page imports.
 */
export function clientFiles(): Record<string, string> {
  const client = clientFolder();
  const require = createRequire(import.meta.url);
  // Each package's CommonJS entry sits beside its ES module build.
  const beside = (name: string, file: string) => join(dirname(require.resolve(name)), file);
  const files: Record<string, string> = {
    "vendor-marked.js": require.resolve("marked"),
    "vendor-dompurify.js": beside("dompurify", "purify.es.mjs"),
    ...eventStreamClientFiles(),
  };
  for (const name of clientModules) files[name] = join(client, name);
  return files;
}

// Two levels up is the package folder both from src/web/ (sources) and dist/web/ (the build).
const clientFolder = () => fileURLToPath(new URL("../../src/web/client/", import.meta.url));

/** The page itself, `index.html`. */
export function clientPage(): string {
  return join(clientFolder(), "index.html");
}

/** The page's own files in `src/web/client/`. */
export const clientModules = [
  "app.js",
  "api.js",
  "dom.js",
  "markdown.js",
  "ranking-view.js",
  "turn-state.js",
  "turn-view.js",
  "sidebar.js",
  "styles.css",
] as const;
