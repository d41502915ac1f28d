/**
 * Where the transcripts search keeps its documents unless told otherwise: `transcripts.db`, an embedded SQLite store
 * with the Italian analyzer, in Trama's data folder; and the show's glossary file.
 * @module
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type DocumentStore, resolveDocumentStore } from "@trama/retrieval";
import { defaultDataDir } from "@trama/server";
import { type GlossaryEntry, parseGlossary } from "../fusion/glossary.js";
import { TranscriptSearchError } from "./search-error.js";

type Env = Readonly<Record<string, string | undefined>>;

/** `transcripts.db` in Trama's data folder (`defaultDataDir`: `TRAMA_DATA_DIR`, else `$XDG_DATA_HOME/trama`, …). */
export function defaultTranscriptsDatabase(env: Env = process.env): string {
  return join(defaultDataDir(env), "transcripts.db");
}

/**
 * Opens the store the transcripts are searched in: `store` (a shorthand such as `sqlite:./episodes.db`,
 * `memory:./episodes.json`, `postgres:env:DATABASE_URL`), or the default SQLite file (its folder created). New stores
 * get the Italian analyzer; an existing SQLite file keeps the one it was created with.
 */
export async function openTranscriptsStore(options: { store?: string; env?: Env } = {}): Promise<DocumentStore> {
  let shorthand = options.store;
  if (shorthand === undefined) {
    const path = defaultTranscriptsDatabase(options.env);
    await mkdir(dirname(path), { recursive: true });
    shorthand = `sqlite:${path}`;
  }
  const existingSqlite = shorthand.startsWith("sqlite:") && existsSync(shorthand.slice("sqlite:".length));
  return resolveDocumentStore(shorthand, existingSqlite ? {} : { analyzer: "italian" });
}

/** Reads the show's glossary file (see `parseGlossary` for its format). */
export async function readGlossaryFile(path: string): Promise<GlossaryEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new TranscriptSearchError(
      `Cannot read the glossary ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Give a YAML file such as 'cloud: Claude'.`,
      { cause: error },
    );
  }
  return parseGlossary(text, { file: path });
}
