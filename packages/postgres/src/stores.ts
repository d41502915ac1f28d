/**
 * The `postgres` store kind, as `@trama/retrieval`'s store shorthands load it: `postgres:env:DATABASE_URL` (or
 * `postgres:` alone, meaning `DATABASE_URL`) and saved configurations `{ kind: "postgres", connectionVariable, … }`.
 * @module
 */
import type { StoreConfig } from "@trama/retrieval";
import { DocumentStoreError } from "@trama/retrieval";
import { PostgresDocumentStore, type PostgresDocumentStoreOptions } from "./postgres-document-store.js";

/** Store kinds this package provides, by the scheme of their shorthand. */
export const stores = {
  postgres: {
    /**
     * Opens the store named by `target`, the text after `postgres:`: `env:VARIABLE` (the variable holding the
     * connection string), or empty for `DATABASE_URL`. Connection strings themselves are refused here, so they never
     * end up in a pipeline file.
     */
    async open(
      target: string,
      options: PostgresDocumentStoreOptions & { analyzer?: unknown } = {},
    ): Promise<PostgresDocumentStore> {
      if (target !== "" && !target.startsWith("env:")) {
        throw new DocumentStoreError(
          `Postgres store shorthand 'postgres:${target.replace(/:[^:@/]*@/, ":***@")}': name the environment variable that holds the connection string, as postgres:env:DATABASE_URL, so no password is written into pipeline files.`,
        );
      }
      const connectionVariable = target === "" ? "DATABASE_URL" : target.slice("env:".length);
      return PostgresDocumentStore.open({ ...withLanguage(options), connectionVariable });
    },
    /** Reopens a store from what its `toConfig()` returned. */
    async fromConfig(config: StoreConfig): Promise<PostgresDocumentStore> {
      const { kind: _kind, ...options } = config;
      return PostgresDocumentStore.open(options as PostgresDocumentStoreOptions);
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
