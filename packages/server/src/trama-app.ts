import type { Hono } from "hono";

/** Writes one line of the server's log (startup, failures that are bugs); the CLI passes stderr. */
export type ServerLog = (line: string) => void;

/** What the server gives an app when it mounts it. */
export interface AppContext {
  /** Where the app lives, without a trailing slash: `/council`. Links in the app's pages start with it. */
  readonly basePath: string;
  /** Aborted when the server shuts down: pass it to long work (council runs, streams) so they stop at once. */
  readonly signal: AbortSignal;
  /** The server's log. */
  readonly log: ServerLog;
}

/**
 * One Trama product's web app (council, transcripts search), plugged into the shared server without touching it.
 *
 * The server creates a Hono app for it, calls `mount` to let it add its routes (paths relative to its base path, so
 * `/` is `/<name>/`), and mounts it at `/<name>`. Every request has already passed the server's checks (token, host,
 * body size, security headers) when it reaches the app's routes.
 */
export interface TramaApp {
  /** The path segment the app is mounted at: lowercase letters, digits and dashes (`council`). */
  readonly name: string;
  /** Shown on the home page's link: `Council`. */
  readonly title: string;
  /** One sentence under the link on the home page. */
  readonly description?: string;
  /** Adds the app's routes to `app`. May be async (opening a database). */
  mount(app: Hono, context: AppContext): void | Promise<void>;
  /** Releases what `mount` opened (databases, timers) once the server has stopped. */
  close?(): void | Promise<void>;
}
