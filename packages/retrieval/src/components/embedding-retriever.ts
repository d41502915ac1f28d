import { defineComponent, documentType, t } from "@trama/core";
import type { Similarity } from "../store/document-store.js";
import { type RetrieverParams, savedStoreParams, searchInputs, searchStore } from "./retriever-params.js";
import { StoreHandle, storeWith } from "./store-reference.js";

export interface EmbeddingRetrieverParams extends RetrieverParams {
  /** How vectors are compared; the store's own similarity by default. */
  similarity?: Similarity;
}

/**
 * Finds the documents whose embeddings are nearest a query's embedding (from a `TextEmbedder`), through the store's
 * vector search (Haystack's `InMemoryEmbeddingRetriever`, for any store with vector search).
 */
export const EmbeddingRetriever = defineComponent({
  type: "trama.EmbeddingRetriever",
  state: (params: EmbeddingRetrieverParams) => ({
    store: new StoreHandle(params.store, "EmbeddingRetriever", ["vectorSearch"]),
  }),
  inputs: { queryEmbedding: t.list(t.number), ...searchInputs },
  outputs: { documents: t.list(documentType) },
  warmUp: async ({ state }) => {
    await storeWith(state.store, "vectorSearch", "EmbeddingRetriever");
  },
  run: ({ queryEmbedding, ...inputs }, { params, state }, context) =>
    searchStore({
      handle: state.store,
      capability: "vectorSearch",
      component: `EmbeddingRetriever '${context.component}'`,
      params,
      inputs,
      search: (store, options) =>
        store.vectorSearch!(queryEmbedding, {
          ...options,
          ...(params.similarity ? { similarity: params.similarity } : {}),
        }),
    }),
  toConfig: savedStoreParams,
});
