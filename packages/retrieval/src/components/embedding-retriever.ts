import { defineComponent, documentType, t } from "@trama/core";
import type { Similarity } from "../store/document-store.js";
import type { Filter } from "../store/filters.js";
import { type RetrieverParams, savedStoreParams, searchInputs } from "./retriever-params.js";
import { effectiveFilters, StoreHandle, storeWith } from "./store-reference.js";

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
  state: (params: EmbeddingRetrieverParams) => ({ store: new StoreHandle(params.store, "EmbeddingRetriever") }),
  inputs: { queryEmbedding: t.list(t.number), ...searchInputs },
  outputs: { documents: t.list(documentType) },
  warmUp: async ({ state }) => {
    await storeWith(state.store, "vectorSearch", "EmbeddingRetriever");
  },
  run: async ({ queryEmbedding, filters, topK, scaleScore }, { params, state }, context) => {
    const store = await storeWith(state.store, "vectorSearch", `EmbeddingRetriever '${context.component}'`);
    const documents = await store.vectorSearch!(queryEmbedding, {
      topK: topK ?? params.topK ?? 10,
      filters: effectiveFilters({
        own: params.filters,
        given: filters as Filter | undefined,
        policy: params.filterPolicy,
      }),
      scaleScore: scaleScore ?? params.scaleScore ?? false,
      ...(params.similarity ? { similarity: params.similarity } : {}),
    });
    return { documents };
  },
  toConfig: savedStoreParams,
});
