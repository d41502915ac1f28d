/**
 * `@trama/server`: one small local HTTP server for every Trama product. Products plug in as apps (`TramaApp`: a name,
 * a title and a `mount` function that adds routes); the server adds what every app needs: binding to 127.0.0.1 unless
 * a token is given, the token check, host and same-origin checks, request size limits, security headers, JSON errors,
 * a home page linking the apps, server-sent event streams with heartbeats, and graceful shutdown.
 *
 * @example
 * ```ts
 * import { startServer } from "@trama/server";
 * const server = await startServer({ apps: [councilApp({ … })], port: 8484 });
 * console.log(server.url); // http://127.0.0.1:8484/
 * ```
 * @module
 */
export { requireToken, tokenCookieName, tokenMatches } from "./bearer-token.js";
export { eventStreamClientFiles } from "./client-files.js";
export { createServerApp, defaultBodyLimitBytes, type ServerAppOptions } from "./create-server-app.js";
export { defaultDataDir } from "./data-dir.js";
export { HttpError, ServerConfigError } from "./errors.js";
export {
  type EventStream,
  type EventStreamOptions,
  formatServerSentEvent,
  type ServerSentEvent,
  streamEvents,
} from "./event-stream.js";
export { escapeHtml, homePage } from "./home-page.js";
export { type ErrorBody, jsonError } from "./json-errors.js";
export { readJsonBody, stringField } from "./read-json.js";
export { sameOriginGuard, securityHeaders } from "./security.js";
export {
  defaultPort,
  isLoopbackHost,
  minimumTokenLength,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from "./start-server.js";
export { fileResponse, serveFiles } from "./static-files.js";
export type { AppContext, ServerLog, TramaApp } from "./trama-app.js";
