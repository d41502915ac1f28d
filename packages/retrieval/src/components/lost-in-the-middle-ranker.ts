import { type Document, defineComponent, documentType, PipelineDefinitionError, t } from "@trama/core";

export interface LostInTheMiddleRankerParams {
  /** Stop adding documents once their words reach this many. */
  wordCountThreshold?: number;
  /** Rank at most this many documents. */
  topK?: number;
}

function checkPositive(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new PipelineDefinitionError(`LostInTheMiddleRanker: ${name} must be a whole number above 0, not ${value}.`);
  }
}

const wordsOf = (document: Document) => (document.content ?? "").split(/\s+/).filter(Boolean).length;

/**
 * Reorders documents given best first so that the best are at the start and the end and the weakest in the middle,
 * where models pay least attention ("Lost in the Middle", Liu et al. 2023): 1, 3, 5, …, 4, 2. Haystack's
 * `LostInTheMiddleRanker`, with the same word-count cut-off.
 */
export function lostInTheMiddle(
  documents: readonly Document[],
  options: { topK?: number; wordCountThreshold?: number } = {},
): Document[] {
  const ranked = options.topK === undefined ? [...documents] : documents.slice(0, options.topK);
  if (ranked.length <= 1) return ranked;
  const threshold = options.wordCountThreshold;
  let words = threshold ? wordsOf(ranked[0]!) : 0;
  if (threshold && words >= threshold) return [ranked[0]!];
  const order = [0];
  for (let index = 1; index < ranked.length; index++) {
    order.splice(Math.floor(order.length / 2) + (order.length % 2), 0, index);
    if (threshold) {
      words += wordsOf(ranked[index]!);
      if (words >= threshold) break;
    }
  }
  return order.map((index) => ranked[index]!);
}

/** Puts the best documents at the start and end of the list, the weakest in the middle (see `lostInTheMiddle`). */
export const LostInTheMiddleRanker = defineComponent({
  type: "trama.LostInTheMiddleRanker",
  state: (params: LostInTheMiddleRankerParams) => {
    checkPositive(params.topK, "topK");
    checkPositive(params.wordCountThreshold, "wordCountThreshold");
    return undefined;
  },
  inputs: { documents: t.list(documentType), topK: t.number.optional(), wordCountThreshold: t.number.optional() },
  outputs: { documents: t.list(documentType) },
  run: ({ documents, topK, wordCountThreshold }, { params }) => ({
    documents: lostInTheMiddle(documents, {
      topK: topK ?? params.topK,
      wordCountThreshold: wordCountThreshold ?? params.wordCountThreshold,
    }),
  }),
});
