/**
 * Rows of a Postgres store turned back into documents.
 * @module
 */
import { Document } from "@trama/core";
import type { Similarity } from "@trama/retrieval";

/** The columns every read selects; embeddings come back as `real[]` whatever their stored type. */
export const columns = "d.id, d.content, d.meta, d.embedding::real[] AS embedding";

/** A row read through `columns`. */
export interface Row {
  id: string;
  content: string | null;
  meta: Record<string, unknown>;
  embedding: number[] | null;
}

/** The document a row holds, with the score of a search. */
export function toDocument(row: Row, score?: number): Document {
  return new Document({
    id: row.id,
    ...(row.content === null ? {} : { content: row.content }),
    meta: row.meta,
    ...(row.embedding === null ? {} : { embedding: row.embedding }),
    ...(score === undefined ? {} : { score }),
  });
}

/** Maps a vector score into 0..1: cosine linearly, dot products through a logistic curve (as Haystack does). */
export function scale(score: number, similarity: Similarity): number {
  return similarity === "cosine" ? (score + 1) / 2 : 1 / (1 + Math.exp(-score / 100));
}
