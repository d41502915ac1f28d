/**
 * Embeddings in a SQLite store: float32 blobs with their norm, searched with sqlite-vec's distance functions. sqlite-vec
 * is optional: writing and reading embeddings works without it, vector search says what to install.
 * @module
 */
import { createRequire } from "node:module";
import type { Similarity } from "@trama/retrieval";
import { DocumentStoreError } from "@trama/retrieval";
import type Database from "better-sqlite3";

const require = createRequire(import.meta.url);

/** Loads sqlite-vec into `database`, or throws an error naming the store and the package to install. */
export function loadSqliteVec(database: Database.Database, path: string): void {
  let sqliteVec: { load(database: unknown): void };
  try {
    sqliteVec = require("sqlite-vec") as typeof sqliteVec;
  } catch (error) {
    throw new DocumentStoreError(
      `SQLite store ${path}: vector search needs the sqlite-vec extension. Install it with npm install sqlite-vec@0.1.9 (keyword search and filters work without it).`,
      { cause: error },
    );
  }
  try {
    sqliteVec.load(database);
  } catch (error) {
    throw new DocumentStoreError(
      `SQLite store ${path}: sqlite-vec is installed but its native library did not load on ${process.platform}/${process.arch} (${error instanceof Error ? error.message : String(error)}). Reinstall sqlite-vec@0.1.9 for this platform.`,
      { cause: error },
    );
  }
}

/** An embedding as stored: float32 bytes and the vector's norm (kept to compute dot products from cosines). */
export function encodeVector(embedding: ArrayLike<number>): { vector: Buffer; norm: number } {
  const floats = Float32Array.from(embedding);
  let squares = 0;
  for (const value of floats) squares += value * value;
  return { vector: Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength), norm: Math.sqrt(squares) };
}

/** The numbers of a stored float32 blob. */
export function decodeVector(blob: Buffer): number[] {
  return Array.from(new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)));
}

/**
 * The SQL expression of a row's similarity to the bound query vector (`?` for the vector, then, for `dot`, `?` for
 * its norm). sqlite-vec 0.1.9 has cosine but no dot product, so dot is the cosine times both norms; a zero vector has
 * no cosine (NULL), which scores 0.
 */
export function similarityExpression(similarity: Similarity): string {
  const cosine = "(1 - IFNULL(vec_distance_cosine(e.vector, ?), 1))";
  return similarity === "dot" ? `${cosine} * e.norm * ?` : cosine;
}

/** Maps a score into 0..1 the way Haystack does: cosine linearly, dot products and BM25 through a logistic curve. */
export function scaleScore(score: number, kind: Similarity | "bm25"): number {
  if (kind === "cosine") return (score + 1) / 2;
  return 1 / (1 + Math.exp(-score / (kind === "dot" ? 100 : 8)));
}
