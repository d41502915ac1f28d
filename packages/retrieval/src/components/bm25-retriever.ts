import { defineComponent, documentType, t } from "@trama/core";
import { type RetrieverParams, savedStoreParams, searchInputs, searchStore } from "./retriever-params.js";
import { StoreHandle, storeWith } from "./store-reference.js";

export type BM25RetrieverParams = RetrieverParams;

/**
 * Finds the documents that best match a query by BM25, through the store's keyword search (Haystack's
 * `InMemoryBM25Retriever`, for any store with keyword search). The store is opened in `warmUp` (or on the first run)
 * and saved in pipeline files as its configuration.
 */
export const BM25Retriever = defineComponent({
  type: "trama.BM25Retriever",
  state: (params: BM25RetrieverParams) => ({
    store: new StoreHandle(params.store, "BM25Retriever", ["keywordSearch"]),
  }),
  inputs: { query: t.string, ...searchInputs },
  outputs: { documents: t.list(documentType) },
  warmUp: async ({ state }) => {
    await storeWith(state.store, "keywordSearch", "BM25Retriever");
  },
  run: ({ query, ...inputs }, { params, state }, context) =>
    searchStore({
      handle: state.store,
      capability: "keywordSearch",
      component: `BM25Retriever '${context.component}'`,
      params,
      inputs,
      search: (store, options) => store.keywordSearch!(query, options),
    }),
  toConfig: savedStoreParams,
});
