/**
 * Runs `trama serve` inside the current process, for tests: the command's real code path (argument parsing, apps,
 * server, shutdown on the signal), with its output captured and its address read from what it prints.
 * @module
 */
import { PassThrough } from "node:stream";
import { TramaError } from "@trama/core";
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
