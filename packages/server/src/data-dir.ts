import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where Trama keeps its data (the council's conversations, the transcripts search's store): `TRAMA_DATA_DIR` when
 * set, else `$XDG_DATA_HOME/trama`, else `~/.local/share/trama`. Here because every product that serves depends on
 * this package, so they share one answer without depending on each other.
 */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.TRAMA_DATA_DIR) return env.TRAMA_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, "trama");
  return join(homedir(), ".local", "share", "trama");
}
