/**
 * Metadata filters compiled to SQLite SQL over the `documents` table (alias `d`). Values and JSON paths are always
 * bound parameters; only operators and fixed column names are written into the SQL text. Every comparison is wrapped
 * so it yields 0 or 1, never NULL, which keeps `NOT` and `!=` exact for absent fields.
 * @module
 */
import { DocumentStoreError, type Filter, type FilterValue, isLogicalFilter, validateFilter } from "@trama/retrieval";

/** A compiled condition: SQL text with `?` placeholders and their values, in order. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

type Scalar = string | number | boolean | null;
const orderings: Record<string, string> = { ">": ">", ">=": ">=", "<": "<", "<=": "<=" };

/** SQL for `filter` (validated first: a bad filter throws the shared filter error); `1` when there is none. */
export function compileSqliteFilter(filter: Filter | undefined): SqlCondition {
  if (filter === undefined) return { sql: "1", params: [] };
  return compile(validateFilter(filter));
}

function compile(filter: Filter): SqlCondition {
  if (isLogicalFilter(filter)) {
    const parts = filter.conditions.map(compile);
    const joined = join(parts, filter.operator === "OR" ? " OR " : " AND ");
    return filter.operator === "NOT" ? { sql: `NOT ${joined.sql}`, params: joined.params } : joined;
  }
  const { field, operator, value } = filter;
  const column = columnFor(field);
  switch (operator) {
    case "==":
      return equals(column, value as Scalar);
    case "!=":
      return negate(equals(column, value as Scalar));
    case "in":
      return anyOf(column, value as readonly Scalar[]);
    case "not in":
      return negate(anyOf(column, value as readonly Scalar[]));
    default:
      return ordering(column, orderings[operator] as string, value);
  }
}

type Column = { kind: "text"; name: "d.id" | "d.content" } | { kind: "json"; path: string };

function columnFor(field: string): Column {
  if (field === "id") return { kind: "text", name: "d.id" };
  if (field === "content") return { kind: "text", name: "d.content" };
  const keys = field.slice("meta.".length).split(".");
  const bad = keys.find((key) => key.includes('"'));
  if (bad !== undefined) {
    throw new DocumentStoreError(
      `SQLite store: cannot filter on '${field}': SQLite JSON paths cannot hold a double quote in a key ('${bad}'). Rename the metadata key.`,
    );
  }
  return { kind: "json", path: `$${keys.map((key) => `."${key}"`).join("")}` };
}

// json_type() tells the stored JSON type apart (true/false/integer/real/text/null, NULL when absent), which plain
// json_extract() cannot: it returns 1 for true and a number for "2021" would compare equal through affinity.
function equals(column: Column, value: Scalar): SqlCondition {
  if (column.kind === "text") {
    if (value === null) return { sql: `(${column.name} IS NULL)`, params: [] };
    if (typeof value !== "string") return { sql: "0", params: [] };
    return { sql: `IFNULL(${column.name} = ?, 0)`, params: [value] };
  }
  const type = "json_type(d.meta, ?)";
  if (value === null) return { sql: `IFNULL(${type} = 'null', 1)`, params: [column.path] };
  if (typeof value === "boolean") return { sql: `IFNULL(${type} = ?, 0)`, params: [column.path, String(value)] };
  const typeTest = typeof value === "number" ? `${type} IN ('integer', 'real')` : `${type} = 'text'`;
  return { sql: `IFNULL(${typeTest} AND json_extract(d.meta, ?) = ?, 0)`, params: [column.path, column.path, value] };
}

function ordering(column: Column, operator: string, value: FilterValue): SqlCondition {
  if (column.kind === "text") {
    if (typeof value !== "string") return { sql: "0", params: [] };
    return { sql: `IFNULL(${column.name} ${operator} ?, 0)`, params: [value] };
  }
  const typeTest =
    typeof value === "number" ? "json_type(d.meta, ?) IN ('integer', 'real')" : "json_type(d.meta, ?) = 'text'";
  return {
    sql: `IFNULL(${typeTest} AND json_extract(d.meta, ?) ${operator} ?, 0)`,
    params: [column.path, column.path, value],
  };
}

function anyOf(column: Column, values: readonly Scalar[]): SqlCondition {
  if (values.length === 0) return { sql: "0", params: [] };
  return join(
    values.map((value) => equals(column, value)),
    " OR ",
  );
}

function negate(condition: SqlCondition): SqlCondition {
  return { sql: `NOT ${condition.sql}`, params: condition.params };
}

function join(parts: readonly SqlCondition[], separator: string): SqlCondition {
  return { sql: `(${parts.map((part) => part.sql).join(separator)})`, params: parts.flatMap((part) => part.params) };
}
