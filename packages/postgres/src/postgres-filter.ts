/**
 * Metadata filters compiled to Postgres SQL over the documents table (alias `d`, `meta` is `jsonb`). Values and JSON
 * paths are always bound parameters; only operators and fixed column names are written into the SQL text. Every
 * comparison is wrapped so it yields true or false, never NULL, which keeps `NOT` and `!=` exact for absent fields.
 * @module
 */
import { type Filter, type FilterValue, isLogicalFilter, validateFilter } from "@trama/retrieval";

type Scalar = string | number | boolean | null;
const orderings: Record<string, string> = { ">": ">", ">=": ">=", "<": "<", "<=": "<=" };

/**
 * SQL for `filter` (validated first: a bad filter throws the shared filter error), appending its values to `params`
 * so placeholders continue after the ones already there; `true` when there is no filter.
 */
export function compilePostgresFilter(filter: Filter | undefined, params: unknown[]): string {
  if (filter === undefined) return "true";
  return compile(validateFilter(filter), params);
}

function compile(filter: Filter, params: unknown[]): string {
  if (isLogicalFilter(filter)) {
    const parts = filter.conditions.map((condition) => compile(condition, params));
    const joined = `(${parts.join(filter.operator === "OR" ? " OR " : " AND ")})`;
    return filter.operator === "NOT" ? `NOT ${joined}` : joined;
  }
  const { field, operator, value } = filter;
  const bind = (parameter: unknown) => `$${params.push(parameter)}`;
  const column = columnFor(field, bind);
  switch (operator) {
    case "==":
      return equals(column, value as Scalar, bind);
    case "!=":
      return `NOT ${equals(column, value as Scalar, bind)}`;
    case "in":
      return anyOf(column, value as readonly Scalar[], bind);
    case "not in":
      return `NOT ${anyOf(column, value as readonly Scalar[], bind)}`;
    default:
      return ordering(column, orderings[operator] as string, value, bind);
  }
}

type Bind = (parameter: unknown) => string;
// The path is bound on first use only, so a condition that needs no path (`in []`) leaves no unused parameter.
type Column = { kind: "text"; name: "d.id" | "d.content" } | { kind: "json"; path: () => string };

function columnFor(field: string, bind: Bind): Column {
  if (field === "id") return { kind: "text", name: "d.id" };
  if (field === "content") return { kind: "text", name: "d.content" };
  let placeholder: string | undefined;
  const keys = field.slice("meta.".length).split(".");
  return { kind: "json", path: () => (placeholder ??= bind(keys)) };
}

// jsonb equality is type-strict and numeric (1 = 1.0, never "1" = 1), so scalars compare as jsonb values.
function equals(column: Column, value: Scalar, bind: Bind): string {
  if (column.kind === "text") {
    if (value === null) return `(${column.name} IS NULL)`;
    if (typeof value !== "string") return "false";
    return `COALESCE(${column.name} = ${bind(value)}::text, false)`;
  }
  const json = `(d.meta #> ${column.path()}::text[])`;
  if (value === null) return `COALESCE(jsonb_typeof(${json}) = 'null', true)`;
  return `COALESCE(${json} = ${bind(JSON.stringify(value))}::jsonb, false)`;
}

// Strings order by code point (COLLATE "C" on UTF-8), numbers numerically; other types never match.
function ordering(column: Column, operator: string, value: FilterValue, bind: Bind): string {
  if (column.kind === "text") {
    if (typeof value !== "string") return "false";
    return `COALESCE(${column.name} COLLATE "C" ${operator} ${bind(value)}::text, false)`;
  }
  const json = `(d.meta #> ${column.path()}::text[])`;
  if (typeof value === "number") {
    return `COALESCE(jsonb_typeof(${json}) = 'number' AND ${json} ${operator} ${bind(JSON.stringify(value))}::jsonb, false)`;
  }
  return `COALESCE(jsonb_typeof(${json}) = 'string' AND (d.meta #>> ${column.path()}::text[]) COLLATE "C" ${operator} ${bind(value)}::text, false)`;
}

function anyOf(column: Column, values: readonly Scalar[], bind: Bind): string {
  if (values.length === 0) return "false";
  return `(${values.map((value) => equals(column, value, bind)).join(" OR ")})`;
}
