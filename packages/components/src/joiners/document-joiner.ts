import { type Document, defineComponent, documentType, PipelineDefinitionError, t } from "@trama/core";

/** How lists of documents are joined. */
export type JoinMode = "concatenate" | "merge" | "reciprocal_rank_fusion";

export interface DocumentJoinerParams {
  /**
   * `concatenate` keeps each document once, with its best score; `merge` sums weighted scores; `reciprocal_rank_fusion`
   * scores by rank in each list (robust when the lists' scores are not comparable, as in hybrid search).
   */
  mode?: JoinMode;
  /** One weight per input list for `merge` and `reciprocal_rank_fusion`; equal by default. */
  weights?: number[];
  topK?: number;
  /** Sort by score, highest first (documents without a score last). Default true. */
  sortByScore?: boolean;
}

/**
 * Joins lists of documents as `DocumentJoiner` does (see `DocumentJoinerParams`), for code that joins outside a
 * pipeline, such as a hybrid retriever.
 */
export function joinDocuments(lists: Document[][], params: DocumentJoinerParams = {}): Document[] {
  const mode = params.mode ?? "concatenate";
  let joined =
    mode === "concatenate"
      ? concatenate(lists)
      : mode === "merge"
        ? merge(lists, params.weights)
        : reciprocalRankFusion(lists, params.weights);
  if (params.sortByScore ?? true) joined = sortByScore(joined);
  return params.topK === undefined ? joined : joined.slice(0, params.topK);
}

/** Joins the document lists of several retrievers or branches into one list. */
export const DocumentJoiner = defineComponent({
  type: "trama.DocumentJoiner",
  inputs: { documents: t.list(documentType).variadic(), topK: t.number.optional() },
  outputs: { documents: t.list(documentType) },
  run: ({ documents, topK }, { params }: { params: DocumentJoinerParams }) => ({
    documents: joinDocuments(documents, { ...params, topK: topK ?? params.topK }),
  }),
});

function concatenate(lists: Document[][]): Document[] {
  const best = new Map<string, Document>();
  for (const document of lists.flat()) {
    const current = best.get(document.id);
    if (!current || (document.score ?? Number.NEGATIVE_INFINITY) > (current.score ?? Number.NEGATIVE_INFINITY)) {
      best.set(document.id, document);
    }
  }
  return [...best.values()];
}

function weightsFor(lists: Document[][], weights: number[] | undefined): number[] {
  if (weights && weights.length !== lists.length) {
    throw new PipelineDefinitionError(
      `DocumentJoiner has ${weights.length} weights for ${lists.length} input lists: give one weight per list.`,
    );
  }
  const raw = weights ?? lists.map(() => 1);
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  return raw.map((weight) => weight / total);
}

function merge(lists: Document[][], weights: number[] | undefined): Document[] {
  const factors = weightsFor(lists, weights);
  const scores = new Map<string, { document: Document; score: number }>();
  lists.forEach((list, index) => {
    for (const document of list) {
      const entry = scores.get(document.id) ?? { document, score: 0 };
      entry.score += (document.score ?? 0) * factors[index]!;
      scores.set(document.id, entry);
    }
  });
  return [...scores.values()].map(({ document, score }) => document.withScore(score));
}

/** Reciprocal rank fusion with k = 61, scaled so a document first in every list scores 1. */
function reciprocalRankFusion(lists: Document[][], weights: number[] | undefined): Document[] {
  const k = 61;
  const factors = weightsFor(lists, weights);
  const scores = new Map<string, { document: Document; score: number }>();
  lists.forEach((list, index) => {
    list.forEach((document, rank) => {
      const entry = scores.get(document.id) ?? { document, score: 0 };
      entry.score += (factors[index]! * lists.length) / (k + rank);
      scores.set(document.id, entry);
    });
  });
  const best = (lists.length * 1) / k;
  return [...scores.values()].map(({ document, score }) => document.withScore(score / best));
}

function sortByScore(documents: Document[]): Document[] {
  return [...documents].sort(
    (a, b) => (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY) || 0,
  );
}
