#!/usr/bin/env node
/** The `trama` executable: runs one command with the process's streams and environment, and exits with its code. */
import { TramaError } from "@trama/core";
import { runCli } from "./run-cli.js";

const controller = new AbortController();
let interrupted = false;
const stop = () => {
  // A second Ctrl-C leaves at once, whatever is still running.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort(new TramaError("Interrupted (Ctrl-C or SIGTERM)."));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
