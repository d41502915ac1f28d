/** What a command gets besides its arguments: where to write, the environment, and a signal for Ctrl-C. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: pass it to every pipeline run and request. */
  readonly signal: AbortSignal;
}

/**
 * One `trama` subcommand. Commands live in `src/commands/<name>.ts` and are listed in `src/commands.ts`; each is a
 * thin layer over its product package: parse the arguments, call the package, print.
 */
export interface CliCommand {
  /** The word after `trama`: `council`, `transcripts`, `index`, `ask`, `serve`. */
  readonly name: string;
  /** One line for `trama --help`. */
  readonly summary: string;
  /** The whole help text of the command, shown by `trama <name> --help` and after a usage error. */
  readonly usage: string;
  /**
   * For a command with subcommands: the usage of the deepest subcommand its arguments name, so that
   * `trama transcripts merge --help` shows merge's options rather than the group's. Without it, `usage` is shown.
   */
  usageFor?(args: string[]): Promise<string>;
  /** Runs the command; resolves to the process exit code. Throw `UsageError` for bad arguments. */
  run(args: string[], io: CliIO): Promise<number>;
}
