/**
 * How retrievers and writers hold their store: a live store, a shorthand (`sqlite:./trama.db`) or a saved
 * configuration (`{ kind: "sqlite", path: "./trama.db" }`), resolved once on first use, and saved in pipeline files
 * as its configuration, never as the live object.
 * @module
 */
import { Lazy } from "@trama/core";
import type { DocumentStore, StoreConfig } from "../store/document-store.js";
import { DocumentStoreError } from "../store/errors.js";
import type { Filter } from "../store/filters.js";
import { resolveDocumentStore, storeFromConfig } from "../store/store-shorthand.js";

/** A store as a component's parameter: the store itself, its shorthand, or its saved configuration. */
export type StoreReference = DocumentStore | string | StoreConfig;

/** True for a live store (something with the `DocumentStore` methods), false for a shorthand or a configuration. */
export function isDocumentStore(value: unknown): value is DocumentStore {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as DocumentStore).write === "function" &&
    typeof (value as DocumentStore).filter === "function" &&
    typeof (value as DocumentStore).toConfig === "function"
  );
}

/** A search a component needs from its store. */
export type StoreSearch = "keywordSearch" | "vectorSearch";

/**
 * A store reference resolved lazily: the live store is built from a shorthand or configuration on first use. A live
 * store is checked at once for the searches the component `needs`; others when they are opened.
 */
export class StoreHandle {
  readonly reference: StoreReference;
  readonly #store: Lazy<DocumentStore>;

  constructor(reference: StoreReference, component: string, needs: readonly StoreSearch[] = []) {
    if (!isDocumentStore(reference) && typeof reference !== "string" && typeof reference?.kind !== "string") {
      throw new DocumentStoreError(
        `${component} needs a 'store': a document store, a shorthand such as 'sqlite:./trama.db' or 'memory:', or a saved configuration with a 'kind'; got ${JSON.stringify(reference) ?? String(reference)}.`,
      );
    }
    if (isDocumentStore(reference)) for (const search of needs) checkSearch(reference, search, component);
    this.reference = reference;
    this.#store = new Lazy(async () => {
      if (isDocumentStore(reference)) return reference;
      return typeof reference === "string" ? resolveDocumentStore(reference) : storeFromConfig(reference);
    });
  }

  /** The live store, opened on first use. */
  get(): Promise<DocumentStore> {
    return this.#store.get();
  }

  /** What a pipeline file saves: the shorthand as written, or the store's configuration. */
  toConfig(): string | StoreConfig {
    if (isDocumentStore(this.reference)) return this.reference.toConfig();
    return this.reference;
  }
}

/** How a store is named in messages: its kind and what locates it (`the sqlite store ./trama.db`). */
export function describeStore(store: DocumentStore): string {
  const { kind, ...config } = store.toConfig();
  const where = config.path ?? config.url ?? config.connection ?? config.table;
  return `the ${kind} store${typeof where === "string" ? ` ${where}` : ""}`;
}

/** Throws, naming the component, the store and what it lacks, when `store` cannot do `search`. */
function checkSearch(store: DocumentStore, search: StoreSearch, component: string): void {
  if (typeof store[search] === "function") return;
  const what = search === "keywordSearch" ? "keyword (BM25) search" : "vector search";
  throw new DocumentStoreError(
    `${component} needs a store with ${what}, but ${describeStore(store)} has none. Use a store that has it (memory, sqlite and postgres have both).`,
  );
}

/** The store, checked to support `search`; the error names the component, the store and what it lacks. */
export async function storeWith(handle: StoreHandle, search: StoreSearch, component: string): Promise<DocumentStore> {
  const store = await handle.get();
  checkSearch(store, search, component);
  return store;
}

/** How filters given at run time combine with the component's own: Haystack's `FilterPolicy`. */
export type FilterPolicy = "replace" | "merge";

/** The filters of one search: the run's replace the component's (`replace`), or both must hold (`merge`). */
export function effectiveFilters(options: {
  own: Filter | undefined;
  given: Filter | undefined;
  policy: FilterPolicy | undefined;
}): Filter | undefined {
  const { own, given } = options;
  if (!given) return own;
  if (!own || (options.policy ?? "replace") === "replace") return given;
  return { operator: "AND", conditions: [own, given] };
}
