import { joinDocuments } from "@trama/components";
import { defineComponent, documentType, PipelineDefinitionError, t } from "@trama/core";
import type { Filter } from "../store/filters.js";
import { type RetrieverParams, savedStoreParams } from "./retriever-params.js";
import { effectiveFilters, StoreHandle, storeWith } from "./store-reference.js";

export interface HybridRetrieverParams extends Omit<RetrieverParams, "scaleScore"> {
  /**
   * How the keyword and vector results are joined: `reciprocal_rank_fusion` (the default: by rank, robust because
   * BM25 and similarity scores do not compare) or `merge` (weighted sum of scores, each mapped into 0..1 first).
   */
  join?: "reciprocal_rank_fusion" | "merge";
  /** The weights of the keyword and the vector results, in that order. Default equal. */
  weights?: [number, number];
  /** How many candidates each search returns before joining. Default `topK`. */
  candidates?: number;
}

/**
 * Keyword (BM25) and vector search in one component, their results joined by reciprocal rank fusion or weighted
 * scores (`joinDocuments`, as `DocumentJoiner` does in a pipeline). Takes the query text and its embedding (from a
 * `TextEmbedder`); the store needs both kinds of search.
 */
export const HybridRetriever = defineComponent({
  type: "trama.HybridRetriever",
  state: (params: HybridRetrieverParams) => {
    if (params.weights && (params.weights.length !== 2 || params.weights.some((weight) => !(weight >= 0)))) {
      throw new PipelineDefinitionError(
        `HybridRetriever: 'weights' takes two numbers of 0 or more, for the keyword and the vector results; got ${JSON.stringify(params.weights)}.`,
      );
    }
    return { store: new StoreHandle(params.store, "HybridRetriever", ["keywordSearch", "vectorSearch"]) };
  },
  inputs: {
    query: t.string,
    queryEmbedding: t.list(t.number),
    filters: t.record(t.any).optional(),
    topK: t.number.optional(),
  },
  outputs: { documents: t.list(documentType) },
  warmUp: async ({ state }) => {
    await storeWith(state.store, "keywordSearch", "HybridRetriever");
    await storeWith(state.store, "vectorSearch", "HybridRetriever");
  },
  run: async ({ query, queryEmbedding, filters, topK }, { params, state }, context) => {
    const name = `HybridRetriever '${context.component}'`;
    const store = await storeWith(state.store, "keywordSearch", name);
    await storeWith(state.store, "vectorSearch", name);
    const limit = topK ?? params.topK ?? 10;
    const join = params.join ?? "reciprocal_rank_fusion";
    const options = {
      topK: params.candidates ?? limit,
      filters: effectiveFilters({
        own: params.filters,
        given: filters as Filter | undefined,
        policy: params.filterPolicy,
      }),
      // Summing scores needs scores on one scale; fusing ranks does not.
      scaleScore: join === "merge",
    };
    const [keyword, vector] = await Promise.all([
      store.keywordSearch!(query, options),
      store.vectorSearch!(queryEmbedding, options),
    ]);
    const mode = join === "merge" ? "merge" : "reciprocal_rank_fusion";
    return { documents: joinDocuments([keyword, vector], { mode, weights: params.weights, topK: limit }) };
  },
  toConfig: savedStoreParams,
});
