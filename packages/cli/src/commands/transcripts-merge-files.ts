/**
 * Files for `trama transcripts merge`: reading inputs with errors that name the file, writing outputs so that a failed
 * write leaves the old file intact, and matching the files of several folders by episode for batch mode.
 * @module
 */
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { TramaError } from "@trama/core";
import { UsageError } from "../usage-error.js";

/** Reads a text file; a missing or unreadable file is a usage error naming it. */
export async function readInput(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `Cannot read '${shown}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}

/** Writes a file through a temporary file and a rename, so a failed write leaves the old file as it was. */
export async function writeOutput(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, "utf8");
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new TramaError(
      `Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check that its folder exists and is writable.`,
      { cause: error },
    );
  }
}

/** Whether a path is a folder (false when it does not exist). */
export async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

/**
 * The episode a file belongs to: the number in its name when it has one (`ep49.sbv`, `puntata-49-riverside.txt`,
 * `49.yaml` are all episode 49), else its name without extensions and without words naming a source (`riverside`,
 * `captions`, `chapters`, `meta`, `promo`, …).
 */
export function episodeKey(fileName: string): string {
  const stem = basename(fileName)
    .replace(/(\.[A-Za-z0-9]{1,5})+$/, "")
    .toLowerCase();
  const number = stem.match(/\d+/g);
  if (number && number.length === 1) return String(Number(number[0]));
  return stem
    .replace(/\b(riverside|captions?|subtitles?|transcript|chapters?|capitoli|meta|episode|promo|glossary)\b/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** The files of a folder by episode key (hidden files skipped); two files of one episode are an error. */
export async function filesByEpisode(folder: string, shown: string): Promise<Map<string, string>> {
  const byKey = new Map<string, string>();
  const names = (await readdir(folder)).filter((name) => !name.startsWith(".")).sort();
  for (const name of names) {
    if (await isFolder(join(folder, name))) continue;
    const key = episodeKey(name);
    const other = byKey.get(key);
    if (other) {
      throw new UsageError(
        `'${shown}' holds two files for episode '${key}': ${other} and ${name}. Keep one file per episode in each folder.`,
      );
    }
    byKey.set(key, name);
  }
  return byKey;
}
