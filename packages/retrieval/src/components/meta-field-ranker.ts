import { type Document, defineComponent, documentType, PipelineDefinitionError, type RunContext, t } from "@trama/core";

export interface MetaFieldRankerParams {
  /** The metadata key to rank by (nested keys with dots: `episode.number`). */
  metaField: string;
  /** How much the metadata counts against the documents' current order: 0 keeps it, 1 ranks by metadata only. Default 1. */
  weight?: number;
  topK?: number;
  /** `reciprocal_rank_fusion` (by rank, the default) or `linear_score` (the current scores blended with the rank). */
  rankingMode?: "reciprocal_rank_fusion" | "linear_score";
  /** Default `descending`: the highest value first. */
  sortOrder?: "ascending" | "descending";
  /** Documents without the field: at the `bottom` (default), at the `top`, or `drop`ped. */
  missingMeta?: "drop" | "top" | "bottom";
  /** Parse string values before comparing: as numbers (`float`, `int`) or ISO dates (`date`). */
  metaValueType?: "float" | "int" | "date";
}

function check(params: MetaFieldRankerParams, weight: number, where = "MetaFieldRanker"): void {
  if (!params.metaField) throw new PipelineDefinitionError(`${where}: 'metaField' names the metadata key to rank by.`);
  if (!(weight >= 0 && weight <= 1))
    throw new PipelineDefinitionError(`${where}: weight must be between 0 and 1, not ${weight}.`);
}

function readMeta(document: Document, field: string): unknown {
  let value: unknown = document.meta;
  for (const key of field.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

function parsed(value: unknown, type: MetaFieldRankerParams["metaValueType"]): unknown {
  if (type === undefined || typeof value !== "string") return value;
  if (type === "date") return Date.parse(value);
  return type === "int" ? Number.parseInt(value, 10) : Number.parseFloat(value);
}

/** Values of one kind (all numbers, all strings or all booleans) compare; anything else does not. */
function comparable(values: unknown[]): boolean {
  const kinds = new Set(values.map((value) => typeof value));
  return (
    kinds.size <= 1 &&
    ["number", "string", "boolean", undefined].includes([...kinds][0]) &&
    !values.some((value) => Number.isNaN(value))
  );
}

/**
 * Ranks documents by a metadata field, blended with their current order (Haystack's `MetaFieldRanker`): with
 * `weight` 1 by the field alone, with 0 not at all. Values that cannot be compared (mixed types, unparsable dates)
 * leave the order unchanged, with a `warning` chunk and output.
 */
export const MetaFieldRanker = defineComponent({
  type: "trama.MetaFieldRanker",
  state: (params: MetaFieldRankerParams) => check(params, params.weight ?? 1),
  inputs: { documents: t.list(documentType), topK: t.number.optional(), weight: t.number.optional() },
  outputs: { documents: t.list(documentType), warnings: t.list(t.string) },
  run: ({ documents, topK, weight }, { params }, context) => {
    const chosenWeight = weight ?? params.weight ?? 1;
    check(params, chosenWeight, `MetaFieldRanker '${context.component}'`);
    const limit = topK ?? params.topK;
    const cut = (list: Document[]) => (limit === undefined ? list : list.slice(0, limit));
    if (chosenWeight === 0 || documents.length === 0) return { documents: cut(documents) };
    const withField = documents.filter((document) => readMeta(document, params.metaField) !== undefined);
    const missing = documents.filter((document) => readMeta(document, params.metaField) === undefined);
    const values = withField.map((document) => parsed(readMeta(document, params.metaField), params.metaValueType));
    if (!comparable(values)) return unsortable(documents, cut, params.metaField, context);
    const direction = (params.sortOrder ?? "descending") === "descending" ? -1 : 1;
    const sorted = withField
      .map((document, index) => ({ document, value: values[index] as number | string | boolean }))
      .sort((a, b) => (a.value < b.value ? -direction : a.value > b.value ? direction : 0))
      .map(({ document }) => document);
    const missingMeta = params.missingMeta ?? "bottom";
    const byMeta =
      missingMeta === "top" ? [...missing, ...sorted] : missingMeta === "bottom" ? [...sorted, ...missing] : sorted;
    const current = missingMeta === "drop" ? withField : documents;
    return {
      documents: cut(mergeRankings(current, byMeta, chosenWeight, params.rankingMode ?? "reciprocal_rank_fusion")),
    };
  },
});

function unsortable(documents: Document[], cut: (list: Document[]) => Document[], field: string, context: RunContext) {
  const warning = `MetaFieldRanker '${context.component}': the values of '${field}' cannot be compared (mixed types or unparsable); documents kept in their order. Give metaValueType, or make the values one type.`;
  context.emit({ type: "warning", message: warning });
  return { documents: cut(documents), warnings: [warning] };
}

/** Haystack's `_merge_rankings`: each document scored by its place in both orders, then sorted by that score. */
function mergeRankings(
  current: readonly Document[],
  byMeta: readonly Document[],
  weight: number,
  mode: "reciprocal_rank_fusion" | "linear_score",
): Document[] {
  const scores = new Map<string, number>();
  const add = (id: string, value: number) => scores.set(id, (scores.get(id) ?? 0) + value);
  const count = Math.min(current.length, byMeta.length);
  for (let rank = 0; rank < count; rank++) {
    if (mode === "reciprocal_rank_fusion") {
      add(current[rank]!.id, (1 - weight) / (61 + rank));
      add(byMeta[rank]!.id, weight / (61 + rank));
    } else {
      add(current[rank]!.id, (current[rank]!.score ?? 0) * (1 - weight));
      add(byMeta[rank]!.id, ((byMeta.length - rank) / byMeta.length) * weight);
    }
  }
  return current
    .map((document) => document.withScore(scores.get(document.id) ?? 0))
    .sort((a, b) => (b.score || -1) - (a.score || -1));
}
