import { TramaError } from "@trama/core";
import type { CliCommand, CliIO } from "./command.js";
import { commandLoaders } from "./commands.js";
import { UsageError } from "./usage-error.js";

/** The help text of `trama` itself. */
export function mainUsage(): string {
  const names = Object.keys(commandLoaders).sort();
  const width = Math.max(8, ...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${commandLoaders[name]!.summary}`);
  return [
    "Usage: trama <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `trama <command> --help` for a command's options.",
  ].join("\n");
}

/**
 * Runs `trama <args>` in this process and resolves to the exit code: 0 on success, 1 when the command failed, 2 for
 * usage errors. Errors are printed as one clear message (a Trama error's message names what to fix); a stack is
 * printed only for errors that are not Trama's, which are bugs.
 */
export async function runCli(args: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic === undefined) {
      io.stdout.write(`${mainUsage()}\n`);
      return name === undefined ? 2 : 0;
    }
    return runCli([...rest, "--help"], io);
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write("trama 0.1.0\n");
    return 0;
  }
  const loader = commandLoaders[name];
  if (!loader) {
    io.stderr.write(`trama: unknown command '${name}'.\n\n${mainUsage()}\n`);
    return 2;
  }
  let command: CliCommand | undefined;
  try {
    command = await loader.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(`${command.usageFor ? await command.usageFor(rest) : command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (UsageError.isInstance(error)) {
      io.stderr.write(`trama ${name}: ${error.message}\n\n${command?.usage ?? ""}\n`);
      return 2;
    }
    if (io.signal.aborted) {
      io.stderr.write(`trama ${name}: stopped.\n`);
      return 130;
    }
    if (TramaError.isInstance(error)) {
      io.stderr.write(`trama ${name}: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`trama ${name}: unexpected error (please report it):\n${(error as Error)?.stack ?? error}\n`);
    return 1;
  }
}
