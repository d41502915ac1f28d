/**
 * The `sqlite` store kind, as `@trama/retrieval`'s store shorthands load it: `sqlite:./trama.db` and saved
 * configurations `{ kind: "sqlite", path }` open a `SqliteDocumentStore` through this record.
 * @module
 */
import type { StoreConfig } from "@trama/retrieval";
import { SqliteDocumentStore, type SqliteDocumentStoreOptions } from "./sqlite-document-store.js";

/** Store kinds this package provides, by the scheme of their shorthand. */
export const stores = {
  sqlite: {
    /** Opens the store in file `target` (the text after `sqlite:`), with further options such as `language`. */
    async open(
      target: string,
      options: Partial<SqliteDocumentStoreOptions> & { analyzer?: unknown } = {},
    ): Promise<SqliteDocumentStore> {
      return new SqliteDocumentStore({ ...withLanguage(options), path: target });
    },
    /** Reopens a store from what its `toConfig()` returned. */
    async fromConfig(config: StoreConfig): Promise<SqliteDocumentStore> {
      const { kind: _kind, ...options } = config;
      return new SqliteDocumentStore(options as unknown as SqliteDocumentStoreOptions);
    },
  },
};

/**
 * Shorthand options shared with the other stores: `analyzer: "english" | "italian" | "standard"` (the in-memory
 * store's name) becomes this store's `language` (`standard` is `simple`).
 */
function withLanguage<T extends { language?: string }>(options: T & { analyzer?: unknown }): T {
  const { analyzer, ...rest } = options;
  if (typeof analyzer !== "string" || rest.language !== undefined) return rest as T;
  return { ...rest, language: analyzer === "standard" ? "simple" : analyzer } as T;
}
