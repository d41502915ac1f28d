/**
 * The reference evaluator of filters: validation that every store shares (so the same bad filter fails the same way
 * everywhere) and an in-memory predicate that defines what a filter means. SQL stores validate with `validateFilter`
 * and translate; the conformance suite checks that their answers equal this evaluator's.
 * @module
 */
import type { Document } from "@trama/core";
import { FilterError } from "./errors.js";
import type { ComparisonOperator, Filter, FilterValue, LogicalOperator } from "./filters.js";

type Scalar = string | number | boolean | null;

const comparisonOperators = new Set<string>(["==", "!=", ">", ">=", "<", "<=", "in", "not in"]);
const logicalOperators = new Set<string>(["AND", "OR", "NOT"]);

/** A field of a filter, parsed: `id`, `content`, or a path into `meta`. */
export type FilterField = { kind: "id" } | { kind: "content" } | { kind: "meta"; path: readonly string[] };

/** Where a filter is checked: named in error messages. */
export interface FilterContext {
  /** The store's kind (`memory`, `sqlite`, …), so the message says which store refused the filter. */
  store?: string;
  /** How the filter is named in the message. Default `filters` (the option's name). */
  path?: string;
}

/**
 * Checks a filter and returns it typed, or throws a `FilterError` naming the bad part (`filters.conditions[1].value`)
 * and, when given, the store.
 */
export function validateFilter(filter: unknown, context: FilterContext = {}): Filter {
  try {
    return check(filter, context.path ?? "filters");
  } catch (error) {
    if (context.store && FilterError.isInstance(error)) {
      throw new FilterError(error.reason, error.path, context.store);
    }
    throw error;
  }
}

function check(filter: unknown, path: string): Filter {
  if (typeof filter !== "object" || filter === null || Array.isArray(filter)) {
    throw new FilterError(`expected an object with 'operator', got ${describe(filter)}.`, path);
  }
  const { operator } = filter as { operator?: unknown };
  if (typeof operator === "string" && logicalOperators.has(operator)) {
    const { conditions } = filter as { conditions?: unknown };
    if (!Array.isArray(conditions) || conditions.length === 0) {
      throw new FilterError(
        `'${operator}' needs 'conditions', a non-empty list of filters; got ${describe(conditions)}.`,
        `${path}.conditions`,
      );
    }
    conditions.forEach((condition, index) => {
      check(condition, `${path}.conditions[${index}]`);
    });
    return filter as Filter;
  }
  if (typeof operator !== "string" || !comparisonOperators.has(operator)) {
    throw new FilterError(
      `unknown operator ${describe(operator)}. Use one of ==, !=, >, >=, <, <=, in, not in, AND, OR, NOT.`,
      `${path}.operator`,
    );
  }
  const { field } = filter as { field?: unknown };
  parseFilterField(field, `${path}.field`);
  if (!("value" in filter)) throw new FilterError(`'${operator}' needs a 'value'.`, `${path}.value`);
  validateValue(operator as ComparisonOperator, (filter as { value: unknown }).value, `${path}.value`);
  return filter as Filter;
}

/** Parses `id`, `content` or `meta.<key>[.<key>…]`; throws a `FilterError` for anything else. */
export function parseFilterField(field: unknown, path = "filters.field"): FilterField {
  if (field === "id") return { kind: "id" };
  if (field === "content") return { kind: "content" };
  if (typeof field === "string" && field.startsWith("meta.")) {
    const keys = field.slice("meta.".length).split(".");
    if (keys.every((key) => key.length > 0)) return { kind: "meta", path: keys };
  }
  throw new FilterError(
    `unknown field ${describe(field)}. Filter on 'id', 'content' or 'meta.<key>' (nested: 'meta.guest.name').`,
    path,
  );
}

function validateValue(operator: ComparisonOperator, value: unknown, path: string): void {
  if (operator === "in" || operator === "not in") {
    if (!Array.isArray(value)) {
      throw new FilterError(`'${operator}' takes a list of values, got ${describe(value)}.`, path);
    }
    value.forEach((item, index) => {
      if (!isScalar(item)) {
        throw new FilterError(
          `lists hold strings, numbers, booleans or null, got ${describe(item)}.`,
          `${path}[${index}]`,
        );
      }
    });
    return;
  }
  if (operator === "==" || operator === "!=") {
    if (!isScalar(value)) {
      const hint = Array.isArray(value) ? ` For a list of values use '${operator === "==" ? "in" : "not in"}'.` : "";
      throw new FilterError(
        `'${operator}' takes a string, number, boolean or null, got ${describe(value)}.${hint}`,
        path,
      );
    }
    return;
  }
  if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) return;
  throw new FilterError(
    `'${operator}' takes a number or a string (such as an ISO date), got ${describe(value)}.`,
    path,
  );
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/** The value a field has in a document; `null` when absent. */
export function readField(document: Document, field: FilterField): unknown {
  if (field.kind === "id") return document.id;
  if (field.kind === "content") return document.content ?? null;
  let value: unknown = document.meta;
  for (const key of field.path) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? null : value;
}

/**
 * Orders strings by Unicode code point, as SQLite's BINARY collation and Postgres' `COLLATE "C"` do on UTF-8 (plain
 * `<` on JavaScript strings orders UTF-16 code units, which differs for characters beyond the Basic Multilingual Plane).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (0xD800–0xDFFF) start code points above 0xFFFF, so they rank after 0xE000–0xFFFF.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

/** A compiled filter: true for the documents it matches. */
export type DocumentPredicate = (document: Document) => boolean;

/**
 * Validates `filter` once and returns a predicate, for stores that test many documents against one filter. No filter
 * matches every document.
 */
export function compileFilter(filter: Filter | undefined, context: FilterContext = {}): DocumentPredicate {
  if (filter === undefined) return () => true;
  return compile(validateFilter(filter, context));
}

/** True when `document` matches `filter` (validated first): the reference semantics every store follows. */
export function matchesFilter(document: Document, filter: Filter | undefined): boolean {
  return compileFilter(filter)(document);
}

function compile(filter: Filter): DocumentPredicate {
  if ("conditions" in filter && logicalOperators.has(filter.operator)) {
    const parts = filter.conditions.map(compile);
    const all: DocumentPredicate = (document) => parts.every((part) => part(document));
    switch (filter.operator as LogicalOperator) {
      case "AND":
        return all;
      case "OR":
        return (document) => parts.some((part) => part(document));
      default:
        return (document) => !all(document);
    }
  }
  const { field, operator, value } = filter as { field: string; operator: ComparisonOperator; value: FilterValue };
  const parsed = parseFilterField(field);
  const test = comparison(operator, value);
  return (document) => test(readField(document, parsed));
}

function comparison(operator: ComparisonOperator, value: FilterValue): (actual: unknown) => boolean {
  switch (operator) {
    case "==":
      return (actual) => scalarEquals(actual, value as Scalar);
    case "!=":
      return (actual) => !scalarEquals(actual, value as Scalar);
    case "in": {
      const list = value as readonly Scalar[];
      return (actual) => list.some((item) => scalarEquals(actual, item));
    }
    case "not in": {
      const list = value as readonly Scalar[];
      return (actual) => !list.some((item) => scalarEquals(actual, item));
    }
    default:
      return ordering(operator, value as string | number);
  }
}

function scalarEquals(actual: unknown, expected: Scalar): boolean {
  if (expected === null) return actual === null;
  return typeof actual === typeof expected && actual === expected;
}

function ordering(operator: ComparisonOperator, expected: string | number): (actual: unknown) => boolean {
  const accept: (order: number) => boolean =
    operator === ">"
      ? (order) => order > 0
      : operator === ">="
        ? (order) => order >= 0
        : operator === "<"
          ? (order) => order < 0
          : (order) => order <= 0;
  if (typeof expected === "number") {
    return (actual) => typeof actual === "number" && accept(actual - expected);
  }
  return (actual) => typeof actual === "string" && accept(compareCodePoints(actual, expected));
}
