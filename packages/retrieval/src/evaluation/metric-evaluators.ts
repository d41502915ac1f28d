import { type Document, defineComponent, documentType, PipelineInputError, t } from "@trama/core";
import {
  type DocumentKey,
  exactMatch,
  meanScore,
  ndcgAtK,
  type RankedQuery,
  recallAtK,
  reciprocalRank,
} from "./retrieval-metrics.js";

/** Parameters of the document evaluators. */
export interface DocumentEvaluatorParams {
  /** Only the first `k` retrieved documents of each query count. Default: all. */
  k?: number;
  /** What makes two documents the same. Default `content`. */
  compareBy?: DocumentKey;
  /** Recall only: `single_hit` (default) or `multi_hit`. */
  mode?: "single_hit" | "multi_hit";
}

type Metric = (query: RankedQuery & { mode?: "single_hit" | "multi_hit" }) => number;

const documentLists = {
  groundTruthDocuments: t.list(t.list(documentType)),
  retrievedDocuments: t.list(t.list(documentType)),
};
const scores = { score: t.number, individualScores: t.list(t.number) };

function perQuery(
  inputs: { groundTruthDocuments: Document[][]; retrievedDocuments: Document[][] },
  params: DocumentEvaluatorParams,
  component: string,
  metric: Metric,
): { score: number; individualScores: number[] } {
  const { groundTruthDocuments: truths, retrievedDocuments: retrieved } = inputs;
  if (truths.length !== retrieved.length) {
    throw new PipelineInputError(
      `'${component}' got ${truths.length} ground-truth lists but ${retrieved.length} retrieved lists: give one of each per query.`,
    );
  }
  const individualScores = truths.map((relevant, index) =>
    metric({ relevant, retrieved: retrieved[index]!, k: params.k, compareBy: params.compareBy, mode: params.mode }),
  );
  return { score: meanScore(individualScores) ?? 0, individualScores };
}

function documentEvaluator(type: string, metric: Metric) {
  return defineComponent({
    type,
    inputs: documentLists,
    outputs: scores,
    run: (inputs, { params }: { params: DocumentEvaluatorParams }, context) =>
      perQuery(inputs, params, context.component, metric),
  });
}

/**
 * Recall@k over queries (Haystack's `DocumentRecallEvaluator`): per query, `single_hit` (default) scores 1 when any
 * relevant document was retrieved, `multi_hit` the share of relevant documents retrieved; `score` is the mean.
 */
export const DocumentRecallEvaluator = documentEvaluator("trama.DocumentRecallEvaluator", recallAtK);

/** Mean reciprocal rank over queries (Haystack's `DocumentMRREvaluator`). */
export const DocumentMRREvaluator = documentEvaluator("trama.DocumentMRREvaluator", reciprocalRank);

/** NDCG@k over queries (Haystack's `DocumentNDCGEvaluator`); ground-truth scores are graded relevance. */
export const DocumentNDCGEvaluator = documentEvaluator("trama.DocumentNDCGEvaluator", ndcgAtK);

/** Exact match over answers (Haystack's `AnswerExactMatchEvaluator`), optionally normalized (see `exactMatch`). */
export const AnswerExactMatchEvaluator = defineComponent({
  type: "trama.AnswerExactMatchEvaluator",
  inputs: { groundTruthAnswers: t.list(t.string), predictedAnswers: t.list(t.string) },
  outputs: scores,
  run: ({ groundTruthAnswers, predictedAnswers }, { params }: { params: { normalize?: boolean } }, context) => {
    if (groundTruthAnswers.length !== predictedAnswers.length) {
      throw new PipelineInputError(
        `'${context.component}' got ${groundTruthAnswers.length} ground-truth answers but ${predictedAnswers.length} predicted answers.`,
      );
    }
    const individualScores = groundTruthAnswers.map((expected, index) =>
      exactMatch({ expected, predicted: predictedAnswers[index]!, normalize: params.normalize }),
    );
    return { score: meanScore(individualScores) ?? 0, individualScores };
  },
});
