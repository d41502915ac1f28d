/**
 * The `memory` store kind: `memory:` opens an empty store, `memory:./store.json` the store saved in that file (or a
 * new one that `save()` writes there), and `{ kind: "memory", path, … }` from a pipeline file does the same.
 * @module
 */
import { existsSync } from "node:fs";
import type { StoreConfig } from "../document-store.js";
import type { StoreProvider } from "../store-shorthand.js";
import { InMemoryDocumentStore } from "./in-memory-document-store.js";
import type { InMemoryDocumentStoreOptions } from "./memory-store-options.js";

async function open(path: string | undefined, options: InMemoryDocumentStoreOptions): Promise<InMemoryDocumentStore> {
  if (path && existsSync(path)) return InMemoryDocumentStore.load(path, options);
  return new InMemoryDocumentStore({ ...options, ...(path ? { path } : {}) });
}

/** Opens in-memory stores from shorthands and saved configurations. */
export const memoryStoreProvider: StoreProvider = {
  open: (target, options = {}) => open(target || undefined, options as InMemoryDocumentStoreOptions),
  fromConfig: (config: StoreConfig) => {
    const { kind: _kind, path, ...options } = config;
    return open(typeof path === "string" ? path : undefined, options as InMemoryDocumentStoreOptions);
  },
};

/** Store kinds this package provides, by the scheme of their shorthand (the contract of `store-shorthand.ts`). */
export const stores: Record<string, StoreProvider> = { memory: memoryStoreProvider };
