import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventStreamClientFiles } from "@trama/server";

// Two levels up is the package folder both from src/web/ (sources) and dist/web/ (the build).
const clientFolder = () => fileURLToPath(new URL("../../src/web/client/", import.meta.url));

/**
 * The search page's own files, in `src/web/client/` (plain JavaScript, served as they are, also from the published
 * package): the served app's modules, and the search engine the static site runs in the browser.
 */
export const clientModules = ["app.js", "results-view.js", "search-engine.js", "site.js", "styles.css"] as const;

/** The page's files by the name the page imports them with: its own, and the event stream reader the apps share. */
export function clientFiles(): Record<string, string> {
  const client = clientFolder();
  return {
    ...eventStreamClientFiles(),
    ...Object.fromEntries(clientModules.map((name) => [name, join(client, name)])),
  };
}

/** The served app's page. */
export function clientPage(): string {
  return join(clientFolder(), "index.html");
}

/** The static site's page (the same page, searching a JSON index in the browser). */
export function sitePage(): string {
  return join(clientFolder(), "site.html");
}

/** A client file's path, for the static site build to copy. */
export function clientFile(name: (typeof clientModules)[number]): string {
  return join(clientFolder(), name);
}
