/**
 * What `trama index` and `trama ask` share: the store option (file paths taken relative to the command's folder),
 * whole-number options, and messages printed above a progress bar.
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CliIO } from "../command.js";
import { UsageError } from "../usage-error.js";

/** The store both commands use when given none: one SQLite file in the current folder. */
export const defaultStore = "sqlite:./trama.db";

/** Store kinds whose target is a file path, resolved against the command's folder. */
const fileKinds = new Set(["sqlite", "memory"]);

/** The store shorthand with a relative file path made absolute against `cwd` (`sqlite:./x.db` → `sqlite:/…/x.db`). */
export function storeShorthand(store: string, cwd: string): string {
  const colon = store.indexOf(":");
  if (colon <= 0) {
    throw new UsageError(
      `--store takes a store shorthand such as sqlite:./trama.db, memory:./store.json or postgres:env:DATABASE_URL, not '${store}'.`,
    );
  }
  const kind = store.slice(0, colon);
  const target = store.slice(colon + 1);
  if (!fileKinds.has(kind) || !target || target === ":memory:" || isAbsolute(target)) return store;
  return `${kind}:${resolve(cwd, target)}`;
}

/** The options and positional arguments of a command line (`node:util`'s `parseArgs`); its errors are usage errors. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, "."));
  }
}

/** A whole-number option (at least `minimum`), or `fallback` when absent. */
export function wholeNumber(value: string | undefined, option: string, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new UsageError(`${option} takes a whole number of ${minimum} or more, not '${value}'.`);
  }
  return number;
}

/** Writes a line to stderr above a progress bar that is being redrawn on a terminal. */
export function printAbove(io: CliIO, line: string): void {
  io.stderr.write(io.stderr.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
}
