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
 *
 * Semantics, the same in every store (`matchesFilter` in `./match-filter.ts` is the reference):
 * - A field that is absent (no such meta key, no content, a path through a non-object) reads as `null`.
 * - `==` matches when the document's value has the same type as the filter value and is equal to it: numbers
 *   numerically (`1 == 1.0`), strings exactly, booleans, and `null` matches `null` or an absent field. A document value
 *   that is a list or an object equals nothing. `!=` is exactly the negation of `==`, so documents without the field
 *   match `!= "x"`.
 * - `>`, `>=`, `<`, `<=` take a finite number or a string. They match documents whose value has the same type: numbers
 *   numerically, strings by Unicode code point (so ISO 8601 dates compare chronologically). `null`, absent fields and
 *   values of another type never match.
 * - `in` takes a list of scalars and matches when `==` matches one of them (`null` in the list matches absent fields);
 *   `not in` is its negation.
 * - `AND` and `OR` need at least one condition; `NOT` negates the AND of its conditions.
 * - Anything else (an unknown operator or field, a list for `==`, `null` for `>`, an empty `conditions`) is rejected
 *   with a `FilterError` that names the bad part's path (`filters.conditions[1].value`).
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

/** True for `AND`, `OR` and `NOT` filters. */
export function isLogicalFilter(filter: Filter): filter is LogicalFilter {
  return filter.operator === "AND" || filter.operator === "OR" || filter.operator === "NOT";
}
