import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { createServerApp } from "./create-server-app.js";
import { ServerConfigError } from "./errors.js";
import type { ServerLog, TramaApp } from "./trama-app.js";

/** Options of `startServer`. */
export interface StartServerOptions {
  /** The products' apps, each mounted at `/<name>`. */
  apps: readonly TramaApp[];
  /** The address to listen on. Default `127.0.0.1`: only this machine can connect. Any other needs `token`. */
  host?: string;
  /** The port; 0 picks a free one. Default 8484. */
  port?: number;
  /** The bearer token every request must carry; required to listen beyond loopback. At least 16 characters. */
  token?: string;
  /** The largest request body accepted, in bytes. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Shuts the server down when aborted (Ctrl-C). */
  signal?: AbortSignal;
  /** How long open connections (streams) get to finish after shutdown starts, in milliseconds. Default 2 s. */
  shutdownGraceMs?: number;
  /** Where the server writes its log. Default: stderr. */
  log?: ServerLog;
}

/** A listening server. */
export interface RunningServer {
  /** The address to open: `http://127.0.0.1:8484/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting connections, ends open streams, closes the apps; resolves once everything is closed. */
  close(): Promise<void>;
  /** Resolves once the server has closed, whoever closed it. */
  readonly closed: Promise<void>;
}

/** The default port of `trama serve`. */
export const defaultPort = 8484;

/** The smallest token accepted: shorter ones could be guessed by someone on the network. */
export const minimumTokenLength = 16;

/** Whether an address reaches this machine only: `127.0.0.0/8`, `::1`, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Starts the shared Trama server with `apps` mounted and resolves once it listens.
 *
 * It binds to 127.0.0.1 unless told otherwise, and refuses (with `ServerConfigError`) to listen on any other address
 * without a token, or with a token shorter than 16 characters. Aborting `signal` or calling `close` shuts it down
 * gracefully: no new connections, open event streams are ended, requests in flight get `shutdownGraceMs` to finish.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? defaultPort;
  const token = options.token === "" ? undefined : options.token;
  if (!isLoopbackHost(host) && token === undefined)
    throw new ServerConfigError(
      `Refusing to listen on ${host} without a token: anyone who can reach this machine could use your models and read your conversations. Set TRAMA_SERVER_TOKEN (or pass --token) to a long random secret, or listen on 127.0.0.1.`,
    );
  if (token !== undefined && token.length < minimumTokenLength)
    throw new ServerConfigError(
      `The server token is ${token.length} characters long; use at least ${minimumTokenLength} random characters (for example the output of 'openssl rand -hex 24').`,
    );
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ServerConfigError(
      `The port ${port} is not a TCP port: use a number from 1 to 65535 (0 picks a free one).`,
    );

  const shutdown = new AbortController();
  const app = await createServerApp({ ...options, token, signal: shutdown.signal });
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false });
  const listening = new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new ServerConfigError(
          error.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is already in use: stop the program using it, or pick another port with --port.`
            : `Cannot listen on ${host}:${port}: ${error.message}.`,
          { cause: error },
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  try {
    await listening;
  } catch (error) {
    for (const mounted of options.apps) await mounted.close?.();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      shutdown.abort();
      const httpServer = server as import("node:http").Server;
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Streams end a moment after the abort, leaving their keep-alive connections idle: close those as they appear.
      httpServer.closeIdleConnections();
      const sweep = setInterval(() => httpServer.closeIdleConnections(), 20);
      const force = setTimeout(() => httpServer.closeAllConnections(), options.shutdownGraceMs ?? 2000);
      await stopped;
      clearInterval(sweep);
      clearTimeout(force);
      for (const mounted of options.apps) await mounted.close?.();
      resolveClosed();
    })();
    return closing;
  };
  if (options.signal?.aborted) await close();
  else options.signal?.addEventListener("abort", () => void close(), { once: true });

  return { url: `http://${urlHost}:${address.port}/`, host: address.address, port: address.port, close, closed };
}
