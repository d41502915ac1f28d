/**
 * Store lifecycle for the conformance suite: a fresh store per test, or one store shared by a read-only group.
 * @module
 */
import type { Document } from "@trama/core";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { DocumentStore } from "../store/document-store.js";
import type { StoreConformanceOptions } from "./store-conformance.js";

/** A fresh store for each test of the enclosing `describe`; read it through the returned getter. */
export function freshStorePerTest(options: StoreConformanceOptions): () => DocumentStore {
  let store: DocumentStore | undefined;
  beforeEach(async () => {
    store = await options.create();
  });
  afterEach(async () => {
    await store?.close?.();
    store = undefined;
  });
  return () => store as DocumentStore;
}

/** One store for the whole enclosing `describe`, filled with `documents` once: for groups that only read. */
export function sharedStore(options: StoreConformanceOptions, documents: readonly Document[]): () => DocumentStore {
  let store: DocumentStore | undefined;
  beforeAll(async () => {
    store = await options.create();
    await store.write(documents);
  });
  afterAll(async () => {
    await store?.close?.();
    store = undefined;
  });
  return () => store as DocumentStore;
}

/** The ids of `documents`, in their order. */
export function idsOf(documents: readonly Document[]): string[] {
  return documents.map((document) => document.id);
}

/** Expects `document` to be `expected` field for field (content, meta, embedding at float32 precision). */
export function expectSameDocument(document: Document | undefined, expected: Document): void {
  expect(document, `document ${expected.id}`).toBeDefined();
  const found = document as Document;
  expect(found.id).toBe(expected.id);
  expect(found.content).toStrictEqual(expected.content);
  expect(found.meta).toStrictEqual(expected.meta);
  if (expected.embedding === undefined) {
    expect(found.embedding).toBeUndefined();
  } else {
    // Stores may keep embeddings as 32-bit floats (pgvector, sqlite-vec, typed arrays): equal after rounding to float32.
    expect(found.embedding?.map(Math.fround)).toStrictEqual(expected.embedding.map(Math.fround));
  }
}
