/**
 * The in-memory store's file: one JSON object with the store's options and its documents, embeddings packed as
 * base64 little-endian float32 (exact for what the store holds, a quarter of the text). Written to a temporary file
 * in the same folder, flushed, then renamed over the target, so a crash leaves either the old file or the new one.
 * @module
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Document, type DocumentInit } from "@trama/core";
import { DocumentStoreError } from "../errors.js";

const format = "trama.memory-store";
const version = 1;

/** What a store file holds. */
export interface StoreFileContent<O> {
  options: O;
  documents: Iterable<Document>;
}

/** Writes `content` to `path` atomically. */
export async function writeStoreFile<O>(path: string, content: StoreFileContent<O>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temporary, "w").catch((error: unknown) => {
    throw new DocumentStoreError(
      `The memory store cannot write ${path}: ${String(error)}. Check that its folder exists and is writable.`,
      { cause: error },
    );
  });
  try {
    await handle.writeFile(
      `{"format":"${format}","version":${version},"options":${JSON.stringify(content.options)},"documents":[`,
    );
    // One document per write keeps memory flat for large stores.
    let first = true;
    for (const document of content.documents) {
      await handle.writeFile(`${first ? "" : ","}\n${JSON.stringify(encode(document))}`);
      first = false;
    }
    await handle.writeFile("\n]}\n");
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    throw new DocumentStoreError(
      `The memory store could not save ${path}: ${String(error)}. The previous file, if any, is unchanged.`,
      { cause: error },
    );
  }
}

/** Reads a file written by `writeStoreFile`; throws `DocumentStoreError` naming the file and what is wrong. */
export async function readStoreFile<O>(path: string): Promise<StoreFileContent<O>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DocumentStoreError(`The memory store cannot read ${path}: ${String(error)}.`, { cause: error });
  }
  let parsed: { format?: unknown; version?: unknown; options?: O; documents?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (error) {
    throw new DocumentStoreError(`${path} is not a memory store file: ${String(error)}.`, { cause: error });
  }
  if (parsed?.format !== format || parsed.version !== version || !Array.isArray(parsed.documents)) {
    throw new DocumentStoreError(
      `${path} is not a memory store file (version ${version}): save one with InMemoryDocumentStore.save().`,
    );
  }
  return { options: parsed.options ?? ({} as O), documents: parsed.documents.map(decode) };
}

interface EncodedDocument extends Omit<DocumentInit, "embedding"> {
  id: string;
  embedding?: string;
}

function encode(document: Document): EncodedDocument {
  const { embedding, score: _score, ...rest } = document.toJSON();
  if (!embedding) return rest;
  return { ...rest, embedding: Buffer.from(Float32Array.from(embedding).buffer).toString("base64") };
}

function decode(encoded: EncodedDocument): Document {
  const { embedding, ...rest } = encoded;
  if (embedding === undefined) return new Document(rest);
  const bytes = Buffer.from(embedding, "base64");
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return new Document({ ...rest, embedding: Array.from(floats) });
}
