import { defineComponent, documentType, t } from "@trama/core";
import type { Filter } from "../store/filters.js";
import { type RetrieverParams, savedStoreParams, searchInputs } from "./retriever-params.js";
import { effectiveFilters, StoreHandle, storeWith } from "./store-reference.js";

export type BM25RetrieverParams = RetrieverParams;

/**
 * Finds the documents that best match a query by BM25, through the store's keyword search (Haystack's
 * `InMemoryBM25Retriever`, for any store with keyword search). The store is opened in `warmUp` (or on the first run)
 * and saved in pipeline files as its configuration.
 */
export const BM25Retriever = defineComponent({
  type: "trama.BM25Retriever",
  state: (params: BM25RetrieverParams) => ({ store: new StoreHandle(params.store, "BM25Retriever") }),
  inputs: { query: t.string, ...searchInputs },
  outputs: { documents: t.list(documentType) },
  warmUp: async ({ state }) => {
    await storeWith(state.store, "keywordSearch", "BM25Retriever");
  },
  run: async ({ query, filters, topK, scaleScore }, { params, state }, context) => {
    const store = await storeWith(state.store, "keywordSearch", `BM25Retriever '${context.component}'`);
    const documents = await store.keywordSearch!(query, {
      topK: topK ?? params.topK ?? 10,
      filters: effectiveFilters({
        own: params.filters,
        given: filters as Filter | undefined,
        policy: params.filterPolicy,
      }),
      scaleScore: scaleScore ?? params.scaleScore ?? false,
    });
    return { documents };
  },
  toConfig: savedStoreParams,
});
