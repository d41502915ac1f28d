import { type Document, t } from "@trama/core";
import type { DocumentStore, KeywordSearchOptions } from "../store/document-store.js";
import type { Filter } from "../store/filters.js";
import {
  effectiveFilters,
  type FilterPolicy,
  isDocumentStore,
  type StoreHandle,
  type StoreReference,
  storeWith,
} from "./store-reference.js";

/** What every retriever takes. */
export interface RetrieverParams {
  /** The store to search: a live store, a shorthand (`sqlite:./trama.db`) or a saved configuration. */
  store: StoreReference;
  /** Filters applied to every search (Haystack-style, see `Filter`). */
  filters?: Filter;
  /** How many documents to return. Default 10. */
  topK?: number;
  /** Scores mapped into 0..1, comparable across queries. Default false (the store's raw scores). */
  scaleScore?: boolean;
  /** Filters given at run time replace these (`replace`, the default) or must hold as well (`merge`). */
  filterPolicy?: FilterPolicy;
}

/** The run-time inputs every retriever has besides its query. */
export const searchInputs = {
  filters: t.record(t.any).optional(),
  topK: t.number.optional(),
  scaleScore: t.boolean.optional(),
};

/** Parameters as a pipeline file saves them: a live store becomes its configuration. */
export function savedStoreParams<P extends { store: StoreReference }>(params: P): Record<string, unknown> {
  return { ...params, store: isDocumentStore(params.store) ? params.store.toConfig() : params.store };
}

/**
 * One retriever run: the store checked for the search it needs, the run's options over the component's (filters by
 * the filter policy), and the search itself.
 */
export async function searchStore(options: {
  handle: StoreHandle;
  capability: "keywordSearch" | "vectorSearch";
  component: string;
  params: RetrieverParams;
  inputs: { filters?: Record<string, unknown>; topK?: number; scaleScore?: boolean };
  search: (store: DocumentStore, options: KeywordSearchOptions) => Promise<Document[]>;
}): Promise<{ documents: Document[] }> {
  const { params, inputs } = options;
  const store = await storeWith(options.handle, options.capability, options.component);
  const documents = await options.search(store, {
    topK: inputs.topK ?? params.topK ?? 10,
    filters: effectiveFilters({
      own: params.filters,
      given: inputs.filters as Filter | undefined,
      policy: params.filterPolicy,
    }),
    scaleScore: inputs.scaleScore ?? params.scaleScore ?? false,
  });
  return { documents };
}
