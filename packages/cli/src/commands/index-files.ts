/**
 * The work behind `trama index`: finding the files under the given paths, and replacing one file's chunks in a store
 * so that indexing a file again never duplicates it.
 * @module
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Document } from "@trama/core";
import type { DocumentStore } from "@trama/retrieval";

/** A path that could not be indexed, and why. */
export interface FileProblem {
  path: string;
  reason: string;
}

/** The files to index (absolute paths, in a stable order) and the given paths that could not be read. */
export interface CollectedFiles {
  files: string[];
  problems: FileProblem[];
}

/** How a path is shown and saved in `meta.file_path`: relative to the command's folder, with `/` separators. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path) || path;
  return sep === "/" ? shown : shown.split(sep).join("/");
}

/**
 * The files under `paths`: named files as they are (an unsupported type is reported when converting), folders
 * recursively with only the files `isConvertible` accepts, skipping hidden entries and `node_modules`.
 */
export async function collectFiles(options: {
  paths: string[];
  cwd: string;
  isConvertible: (path: string) => boolean;
}): Promise<CollectedFiles> {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: displayPath(folder, options.cwd), reason: reasonOf(error, "folder") });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && options.isConvertible(path)) files.push(path);
    }
  };
  for (const given of options.paths) {
    const path = resolve(options.cwd, given);
    try {
      if ((await stat(path)).isDirectory()) await walk(path);
      else files.push(path);
    } catch (error) {
      problems.push({ path: given, reason: reasonOf(error, "file") });
    }
  }
  return { files: [...new Set(files)], problems };
}

function reasonOf(error: unknown, what: "file" | "folder"): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return `the ${what} does not exist.`;
  if (code === "EACCES" || code === "EPERM") return `permission denied: check the ${what}'s permissions.`;
  return `it could not be read (${code ?? String(error)}).`;
}

/** What replacing a file's chunks did. */
export interface ReplaceCounts {
  added: number;
  unchanged: number;
  removed: number;
}

/**
 * Makes `chunks` the stored chunks of the file `filePath` (their `meta.file_path`): new chunks are written first,
 * then chunks of the file that are no longer produced are deleted, so a failure never loses the file's old chunks.
 * Chunk ids come from their content and metadata, so an unchanged file writes nothing.
 */
export async function replaceFileChunks(options: {
  store: DocumentStore;
  filePath: string;
  chunks: readonly Document[];
}): Promise<ReplaceCounts> {
  const { store, filePath, chunks } = options;
  const stored = await store.filter({ field: "meta.file_path", operator: "==", value: filePath });
  const storedIds = new Set(stored.map((document) => document.id));
  const chunkIds = new Set(chunks.map((chunk) => chunk.id));
  const fresh = chunks.filter((chunk) => !storedIds.has(chunk.id));
  if (fresh.length) await store.write(fresh, { policy: "overwrite" });
  const stale = stored.filter((document) => !chunkIds.has(document.id)).map((document) => document.id);
  if (stale.length) await store.delete(stale);
  return { added: fresh.length, unchanged: chunks.length - fresh.length, removed: stale.length };
}
