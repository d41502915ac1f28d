import { TramaError } from "@trama/core";
import { Hono } from "hono";
import { requireToken } from "./bearer-token.js";
import { limitBody } from "./body-limit.js";
import { ServerConfigError } from "./errors.js";
import { homePage, homeStylesheet } from "./home-page.js";
import { errorHandler, jsonError } from "./json-errors.js";
import { sameOriginGuard, securityHeaders } from "./security.js";
import type { ServerLog, TramaApp } from "./trama-app.js";

/** Options of `createServerApp`. */
export interface ServerAppOptions {
  /** The products' apps, each mounted at `/<name>`, listed on the home page in this order. */
  apps: readonly TramaApp[];
  /** When set, every request must carry it (see `requireToken`); when not, only this machine's host names are served. */
  token?: string;
  /** The largest request body accepted, in bytes; larger ones get a 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Aborted when the server shuts down; handed to the apps. */
  signal: AbortSignal;
  /** Where the server writes its log. Default: stderr. */
  log?: ServerLog;
}

/** The default request body limit: 1 MiB, far more than a question needs. */
export const defaultBodyLimitBytes = 1024 * 1024;

const appName = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Builds the server's request handler (a Hono app) with every app mounted: security headers, the same-origin and
 * host checks, the token when there is one, the body limit, JSON errors, and the home page. It does not listen;
 * `startServer` does. Throws `ServerConfigError` for an app with a bad or duplicate name.
 */
export async function createServerApp(options: ServerAppOptions): Promise<Hono> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limit = options.bodyLimitBytes ?? defaultBodyLimitBytes;
  const seen = new Set<string>();
  for (const app of options.apps) {
    if (!appName.test(app.name) || app.name === "_trama")
      throw new ServerConfigError(
        `The app name '${app.name}' cannot be a path segment: use lowercase letters, digits and dashes.`,
      );
    if (seen.has(app.name)) throw new ServerConfigError(`Two apps are named '${app.name}': give each its own name.`);
    seen.add(app.name);
  }

  // Not strict, so an app's `/` answers both `/council` and `/council/`.
  const server = new Hono({ strict: false });
  server.onError(errorHandler(log));
  server.notFound((context) =>
    jsonError(
      context,
      404,
      "not_found",
      `Nothing answers ${context.req.method} ${new URL(context.req.url).pathname}. The apps are at ${
        options.apps.map((app) => `/${app.name}/`).join(", ") || "(none)"
      }.`,
    ),
  );
  server.use(securityHeaders());
  server.use(sameOriginGuard({ checkHost: options.token === undefined }));
  if (options.token !== undefined) server.use(requireToken(options.token));
  server.use(
    limitBody(limit, (context) =>
      jsonError(
        context,
        413,
        "payload_too_large",
        `The request body is larger than this server accepts (${limit} bytes). Send less, or start the server with a larger body limit.`,
      ),
    ),
  );

  server.get("/", (context) => context.html(homePage(options.apps)));
  server.get("/_trama/home.css", (context) =>
    context.body(homeStylesheet, 200, { "content-type": "text/css; charset=utf-8" }),
  );
  server.get("/_trama/health", (context) => context.json({ ok: true, apps: options.apps.map((app) => app.name) }));

  for (const app of options.apps) {
    const routes = new Hono({ strict: false });
    const basePath = `/${app.name}`;
    try {
      await app.mount(routes, { basePath, signal: options.signal, log });
    } catch (error) {
      if (TramaError.isInstance(error)) throw error;
      throw new ServerConfigError(`The app '${app.name}' failed to start: ${(error as Error)?.message ?? error}`, {
        cause: error,
      });
    }
    // Pages link their files relatively (`./app.js`), which needs the trailing slash.
    server.get(basePath, async (context, next) =>
      new URL(context.req.url).pathname === basePath ? context.redirect(`${basePath}/`, 308) : await next(),
    );
    server.route(basePath, routes);
  }
  return server;
}
