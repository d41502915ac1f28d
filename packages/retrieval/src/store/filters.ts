/**
 * Metadata filters, in the shape Haystack 2.x users know:
 *
 * ```ts
 * { operator: "AND", conditions: [
 *   { field: "meta.episode", operator: ">=", value: 40 },
 *   { operator: "NOT", conditions: [{ field: "meta.speaker", operator: "in", value: ["Alice", "Bob"] }] },
 * ] }
 * ```
 *
 * Fields are `id`, `content` or `meta.<key>` (nested keys with dots: `meta.guest.name`). Every store translates the
 * same filter to its own query language and must give the same answer (the conformance suite checks it).
 * @module
 */

export type ComparisonOperator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "not in";
export type LogicalOperator = "AND" | "OR" | "NOT";

/** A value a comparison can hold: `in` and `not in` take a list. */
export type FilterValue = string | number | boolean | null | ReadonlyArray<string | number | boolean | null>;

export interface ComparisonFilter {
  field: string;
  operator: ComparisonOperator;
  value: FilterValue;
}

/** `NOT` negates the AND of its conditions. */
export interface LogicalFilter {
  operator: LogicalOperator;
  conditions: Filter[];
}

export type Filter = ComparisonFilter | LogicalFilter;

export function isLogicalFilter(filter: Filter): filter is LogicalFilter {
  return filter.operator === "AND" || filter.operator === "OR" || filter.operator === "NOT";
}
