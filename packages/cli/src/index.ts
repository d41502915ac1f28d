/**
 * `@trama/cli`: the `trama` command. Its pieces are exported for the product packages' commands and for tests that run
 * the CLI in process.
 * @module
 */
export type { CliCommand, CliIO } from "./command.js";
export { commandLoaders } from "./commands.js";
export { createProgressBar, type ProgressBar, type ProgressOptions } from "./progress.js";
export { mainUsage, runCli } from "./run-cli.js";
export { UsageError } from "./usage-error.js";
