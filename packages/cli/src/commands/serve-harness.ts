/**
 * Runs `trama serve` inside the current process, for tests: the command's real code path (argument parsing, apps,
 * server, shutdown on the signal), with its output captured and its address read from what it prints. Also launches
 * the Debian Chromium the browser tests drive.
 * @module
 */
import { PassThrough } from "node:stream";
import { TramaError } from "@trama/core";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import type { CliIO } from "../command.js";
import { runCli } from "../run-cli.js";

/** A `trama serve` running in this process. */
export interface ServeInProcess {
  /** The server's address, as printed: `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Stops it as Ctrl-C would, and resolves to its exit code. */
  stop(): Promise<number>;
}

/**
 * Starts `trama serve <args>` (add `--port 0` for a free port) and resolves once it prints its address. Rejects with
 * what it printed when it ends first.
 */
export async function startServeInProcess(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<ServeInProcess> {
  const controller = new AbortController();
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  err.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const io: CliIO = {
    stdout: out,
    stderr: err,
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    signal: controller.signal,
  };
  const exit = runCli(["serve", ...args], io);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const found = /serving at (http:\/\/\S+\/)/.exec(stdout)?.[1];
      if (found) {
        out.off("data", check);
        resolve(found);
      }
    };
    out.on("data", check);
    exit.then((code) =>
      reject(new TramaError(`trama serve ended with code ${code} before serving:\n${stdout}${stderr}`)),
    );
  });
  return {
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      controller.abort(new TramaError("Stopped by the test."));
      return exit;
    },
  };
}

/** Debian's Chromium, which the browser tests drive (`apt-get install -y chromium`). */
export const chromiumPath = "/usr/bin/chromium";

/** Launches `chromiumPath` for a test: no sandbox (containers), no GPU, nothing fetched in the background. */
export async function launchChromium(): Promise<Browser> {
  // Imported here: playwright-core is a development dependency, and this file is built with the package.
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A new page in its own context, whose uncaught errors and console errors are pushed to `errors`. */
export async function openPage(browser: Browser, options: BrowserContextOptions, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return page;
}
