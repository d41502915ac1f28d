/**
 * Writes into a Postgres store: one transaction per call, multi-row inserts, the duplicate policies with the same
 * meaning as in every store (skip keeps the first of repeated ids, overwrite the last, fail writes nothing).
 * @module
 */
import type { Document } from "@trama/core";
import {
  batchIds,
  DocumentStoreError,
  DuplicateDocumentError,
  type DuplicatePolicy,
  type WriteResult,
} from "@trama/retrieval";
import type pg from "pg";
import type { TableName } from "./postgres-schema.js";

// Four parameters a row: 500 rows keep a statement far below Postgres' 65,535 parameters.
const ROWS_PER_STATEMENT = 500;

/** Writes `documents` under `policy` in one transaction on `client`. */
export async function writeDocuments(options: {
  client: pg.PoolClient;
  name: TableName;
  documents: readonly Document[];
  policy: DuplicatePolicy;
  vectors: boolean;
}): Promise<WriteResult> {
  const { client, name, policy } = options;
  const documents = policy === "overwrite" ? keepLast(options.documents) : options.documents;
  await client.query("BEGIN");
  try {
    if (policy === "fail") await refuseDuplicates(client, name, documents);
    await checkDimensions(client, name, documents, options.vectors);
    let written = 0;
    for (let start = 0; start < documents.length; start += ROWS_PER_STATEMENT) {
      const rows = documents.slice(start, start + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const values = rows.map((document) => {
        params.push(document.id, document.content ?? null, JSON.stringify(document.meta), document.embedding ?? null);
        const at = params.length - 3;
        return `($${at}, $${at + 1}, $${at + 2}::jsonb, $${at + 3}::real[]${options.vectors ? "::vector" : ""})`;
      });
      const conflict =
        policy === "overwrite"
          ? "ON CONFLICT (id) DO UPDATE SET content = excluded.content, meta = excluded.meta, embedding = excluded.embedding"
          : policy === "skip"
            ? "ON CONFLICT (id) DO NOTHING"
            : "";
      const result = await client.query(
        `INSERT INTO ${name.qualified} (id, content, meta, embedding) VALUES ${values.join(", ")} ${conflict}`,
        params,
      );
      written += result.rowCount ?? 0;
    }
    await client.query("COMMIT");
    return policy === "overwrite"
      ? { written: options.documents.length, skipped: 0 }
      : { written, skipped: documents.length - written };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (DocumentStoreError.isInstance(error) || DuplicateDocumentError.isInstance(error)) throw error;
    if ((error as { code?: string }).code === "23505") {
      throw new DuplicateDocumentError(
        `Postgres store ${name.label}: another writer stored one of these ids meanwhile (${(error as Error).message}); nothing was written. Retry, or write with policy 'skip' or 'overwrite'.`,
        [],
      );
    }
    throw new DocumentStoreError(
      `Postgres store ${name.label}: write failed (${error instanceof Error ? error.message : String(error)}); nothing of it was stored.`,
      { cause: error },
    );
  }
}

// One INSERT … ON CONFLICT DO UPDATE may not touch a row twice, and the last of repeated ids wins anyway.
function keepLast(documents: readonly Document[]): Document[] {
  return [...new Map(documents.map((document) => [document.id, document])).values()];
}

async function refuseDuplicates(client: pg.PoolClient, name: TableName, documents: readonly Document[]): Promise<void> {
  const { distinct, repeated } = batchIds(documents);
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM ${name.qualified} WHERE id = ANY($1::text[]) ORDER BY id`,
    [[...distinct]],
  );
  if (rows.length > 0 || repeated.size > 0)
    throw DuplicateDocumentError.refusing(
      `Postgres store ${name.label}`,
      rows.map((row) => row.id),
      repeated,
    );
}

async function checkDimensions(
  client: pg.PoolClient,
  name: TableName,
  documents: readonly Document[],
  vectors: boolean,
) {
  const first = documents.find((document) => document.embedding !== undefined);
  if (!first) return;
  const size = vectors ? "vector_dims(embedding)" : "array_length(embedding, 1)";
  const { rows } = await client.query<{ size: number }>(
    `SELECT ${size} AS size FROM ${name.qualified} WHERE embedding IS NOT NULL AND NOT (id = ANY($1::text[])) LIMIT 1`,
    [documents.map((document) => document.id)],
  );
  const expected = rows[0]?.size ?? first.embedding?.length;
  const wrong = documents.find(
    (document) => document.embedding !== undefined && document.embedding.length !== expected,
  );
  if (wrong) {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: document '${wrong.id}' has an embedding of ${wrong.embedding?.length} numbers, but the store holds embeddings of ${expected}. Embed every document with the same model; nothing of this write was stored.`,
    );
  }
}
