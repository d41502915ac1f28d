import { join } from "node:path";
import { defaultDataDir } from "@trama/server";

export { defaultDataDir };

/** The council's conversation database: `council.db` in the data folder (see `defaultDataDir`). */
export function defaultConversationDatabase(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(defaultDataDir(env), "council.db");
}
