/**
 * Store shorthands and saved configurations: `memory:`, `memory:./store.json`, `sqlite:./trama.db`,
 * `postgres:env:DATABASE_URL`. The part before the first colon is the store's kind and names the package that provides
 * it; that package is loaded on first use, so users install only the stores they use.
 *
 * **The contract for packages that provide store kinds** (`@trama/sqlite`, `@trama/postgres`, or your own): export
 * `stores`, a record from kind to `StoreProvider`:
 *
 * ```ts
 * export const stores = {
 *   sqlite: {
 *     async open(target, options) { return new SqliteDocumentStore({ ...options, path: target }); },
 *     async fromConfig(config) { return new SqliteDocumentStore(config); },
 *   },
 * };
 * ```
 *
 * `open` receives the text after `kind:` (possibly empty) and the caller's options; `fromConfig` receives what the
 * store's own `toConfig()` returned (`kind` included), as read back from a pipeline file. Neither may put a secret in
 * `toConfig()`: save the name of the environment variable that holds it.
 * @module
 */
import type { DocumentStore, StoreConfig } from "./document-store.js";
import { DocumentStoreError } from "./errors.js";
import { memoryStoreProvider } from "./memory/memory-store-provider.js";

/** Opens stores of one kind, from a shorthand's target or from a saved configuration. */
export interface StoreProvider {
  /** A store from the text after `kind:` in a shorthand (may be empty) and options the caller passed. */
  open(target: string, options?: Record<string, unknown>): Promise<DocumentStore>;
  /** The store a `toConfig()` result describes. */
  fromConfig(config: StoreConfig): Promise<DocumentStore>;
}

/** The packages that provide Trama's store kinds; each exports `stores: Record<kind, StoreProvider>`. */
export const storePackages: Readonly<Record<string, string>> = {
  memory: "@trama/retrieval",
  sqlite: "@trama/sqlite",
  postgres: "@trama/postgres",
};

const registered = new Map<string, StoreProvider>([["memory", memoryStoreProvider]]);

/** Adds or replaces a store kind, for stores outside Trama's packages (or to open a kind differently in tests). */
export function registerStoreKind(kind: string, provider: StoreProvider): void {
  registered.set(kind, provider);
}

/**
 * A store from a shorthand, or the store itself when given one. Examples: `memory:` (empty, in memory),
 * `memory:./store.json` (loaded from the file when it exists, saved there by `save()`), `sqlite:./trama.db`,
 * `postgres:env:DATABASE_URL`. `options` go to the store's constructor (`{ analyzer: "italian" }`).
 */
export async function resolveDocumentStore(
  store: string | DocumentStore,
  options: Record<string, unknown> = {},
): Promise<DocumentStore> {
  if (typeof store !== "string") return store;
  const colon = store.indexOf(":");
  if (colon <= 0) {
    throw new DocumentStoreError(
      `'${store}' is not a store shorthand. Write kind:target, such as memory:, memory:./store.json, sqlite:./trama.db or postgres:env:DATABASE_URL. Kinds: ${knownKinds()}.`,
    );
  }
  const kind = store.slice(0, colon);
  return (await providerFor(kind)).open(store.slice(colon + 1), options);
}

/** The store a saved configuration (a store's `toConfig()`, as read from a pipeline file) describes. */
export async function storeFromConfig(config: StoreConfig): Promise<DocumentStore> {
  if (typeof config !== "object" || config === null || typeof config.kind !== "string") {
    throw new DocumentStoreError(
      `A saved store configuration needs a 'kind' (${knownKinds()}), got ${JSON.stringify(config)}. Save stores with their toConfig().`,
    );
  }
  return (await providerFor(config.kind)).fromConfig(config);
}

async function providerFor(kind: string): Promise<StoreProvider> {
  const known = registered.get(kind);
  if (known) return known;
  const packageName = storePackages[kind];
  if (!packageName) throw new DocumentStoreError(`Unknown store kind '${kind}'. Kinds: ${knownKinds()}.`);
  const provider = await providerFromPackage(kind, packageName);
  registered.set(kind, provider);
  return provider;
}

/** Loads `packageName` and takes its `stores[kind]`; the error names the package to install when it is missing. */
export async function providerFromPackage(kind: string, packageName: string): Promise<StoreProvider> {
  let module: { stores?: Record<string, StoreProvider> };
  try {
    module = (await import(packageName)) as typeof module;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String(error).includes(packageName)) {
      throw new DocumentStoreError(
        `The '${kind}' store needs ${packageName}: install it with npm install ${packageName}.`,
        { cause: error },
      );
    }
    throw error;
  }
  const provider = module.stores?.[kind];
  if (!provider) {
    throw new DocumentStoreError(
      `${packageName} does not provide the '${kind}' store (its 'stores' export has ${Object.keys(module.stores ?? {}).join(", ") || "nothing"}). Update ${packageName}.`,
    );
  }
  return provider;
}

function knownKinds(): string {
  return [...new Set([...Object.keys(storePackages), ...registered.keys()])].join(", ");
}
