import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where Trama keeps its data (the council's conversations): `TRAMA_DATA_DIR` when set, else
 * `$XDG_DATA_HOME/trama`, else `~/.local/share/trama`.
 */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.TRAMA_DATA_DIR) return env.TRAMA_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, "trama");
  return join(homedir(), ".local", "share", "trama");
}

/** The council's conversation database: `council.db` in the data folder (see `defaultDataDir`). */
export function defaultConversationDatabase(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(defaultDataDir(env), "council.db");
}
