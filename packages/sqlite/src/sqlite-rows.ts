/**
 * Rows of a SQLite store turned back into documents, and the writes that put documents into rows: one transaction
 * per call, so a failure leaves the file exactly as it was.
 * @module
 */
import { Document } from "@trama/core";
import {
  batchIds,
  DocumentStoreError,
  DuplicateDocumentError,
  type DuplicatePolicy,
  type WriteResult,
} from "@trama/retrieval";
import type Database from "better-sqlite3";
import { readSetting, writeSetting } from "./sqlite-schema.js";
import { decodeVector, encodeVector } from "./sqlite-vectors.js";

/** The columns every read selects, in this order: `d` is `documents`, `e` is `embeddings` (LEFT JOINed or joined). */
export const documentColumns = "d.id AS id, d.content AS content, d.meta AS meta, e.vector AS vector";

/** A row read through `documentColumns`, with the score of a search. */
export interface DocumentRow {
  id: string;
  content: string | null;
  meta: string;
  vector: Buffer | null;
  score?: number;
}

/** The document a row holds. */
export function rowToDocument(row: DocumentRow, path: string, score?: number): Document {
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(row.meta) as Record<string, unknown>;
  } catch (error) {
    throw new DocumentStoreError(
      `SQLite store ${path}: the metadata of document '${row.id}' is not valid JSON; the file was changed outside Trama. Rewrite that document.`,
      { cause: error },
    );
  }
  return new Document({
    id: row.id,
    ...(row.content === null ? {} : { content: row.content }),
    meta,
    ...(row.vector === null ? {} : { embedding: decodeVector(row.vector) }),
    ...(score === undefined ? {} : { score }),
  });
}

/** Writes `documents` under `policy` in one transaction of `database`. */
export function writeDocuments(options: {
  database: Database.Database;
  path: string;
  documents: readonly Document[];
  policy: DuplicatePolicy;
}): WriteResult {
  const { database, path, documents, policy } = options;
  const insert = database.prepare(
    policy === "overwrite"
      ? "INSERT INTO documents (id, content, meta) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET content = excluded.content, meta = excluded.meta RETURNING rowid"
      : `INSERT INTO documents (id, content, meta) VALUES (?, ?, ?) ${policy === "skip" ? "ON CONFLICT (id) DO NOTHING " : ""}RETURNING rowid`,
  );
  const removeVector = database.prepare("DELETE FROM embeddings WHERE rowid = ?");
  const insertVector = database.prepare("INSERT INTO embeddings (rowid, vector, norm) VALUES (?, ?, ?)");
  const run = database.transaction((): WriteResult => {
    if (policy === "fail") refuseDuplicates(database, path, documents);
    let dimension = Number(readSetting(database, "dimension") ?? 0);
    let written = 0;
    for (const document of documents) {
      const inserted = insert.get(document.id, document.content ?? null, JSON.stringify(document.meta)) as
        | { rowid: number }
        | undefined;
      if (!inserted) continue;
      written++;
      if (policy === "overwrite") removeVector.run(inserted.rowid);
      if (document.embedding === undefined) continue;
      if (dimension === 0) {
        dimension = document.embedding.length;
        writeSetting(database, "dimension", String(dimension));
      } else if (document.embedding.length !== dimension) {
        throw new DocumentStoreError(
          `SQLite store ${path}: document '${document.id}' has an embedding of ${document.embedding.length} numbers, but the store holds embeddings of ${dimension}. Embed every document with the same model; nothing of this write was stored.`,
        );
      }
      const { vector, norm } = encodeVector(document.embedding);
      insertVector.run(inserted.rowid, vector, norm);
    }
    return { written, skipped: documents.length - written };
  });
  return run.immediate();
}

function refuseDuplicates(database: Database.Database, path: string, documents: readonly Document[]): void {
  const { distinct, repeated } = batchIds(documents);
  const stored = (
    database
      .prepare("SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id")
      .all(JSON.stringify([...distinct])) as Array<{ id: string }>
  ).map((row) => row.id);
  if (stored.length > 0 || repeated.size > 0)
    throw DuplicateDocumentError.refusing(`SQLite store ${path}`, stored, repeated);
}
