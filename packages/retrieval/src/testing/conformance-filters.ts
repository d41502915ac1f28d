/**
 * Conformance: every filter operator on strings, numbers, booleans, null, missing fields, nested keys and lists,
 * logical nesting, `id` and `content`, and invalid filters rejected with an `FilterError` naming the part.
 * Expectations follow `match-filter.ts`, the reference semantics.
 * @module
 */
import { Document } from "@trama/core";
import { describe, expect, it } from "vitest";
import { FilterError } from "../store/errors.js";
import type { Filter } from "../store/filters.js";
import type { StoreConformanceOptions } from "./store-conformance.js";
import { idsOf, sharedStore } from "./store-harness.js";

/** The documents every filter case runs against: strings, numbers, booleans, nulls, missing and nested keys. */
export const filterCorpus = [
  new Document({
    id: "f01",
    content: "The quick brown fox",
    meta: {
      year: 2020,
      rating: 4.5,
      speaker: "Alice",
      published: true,
      date: "2024-01-15",
      guest: { name: "Ada", age: 36 },
      tags: ["a", "b"],
    },
  }),
  new Document({
    id: "f02",
    content: "Lazy dogs sleep",
    meta: { year: 2021, rating: 3, speaker: "Bob", published: false, date: "2024-03-01", guest: { name: "Grace" } },
  }),
  new Document({
    id: "f03",
    content: "Caffè e cornetto",
    meta: { year: 2019, speaker: "Ciro", published: true, note: null },
  }),
  new Document({ id: "f04", meta: { year: "2021", rating: 5, speaker: "alice" } }),
  new Document({ id: "f05", content: "Empty meta", meta: {} }),
  new Document({
    id: "f06",
    content: "Numbers as flags",
    meta: { year: 2022, rating: -1.25, published: 1, speaker: null, date: "2023-12-31" },
  }),
  new Document({
    id: "f07",
    content: "Second Ada",
    meta: { year: 2020, speaker: "Bob", guest: { name: "Ada", age: 41 }, published: false },
  }),
  new Document({
    id: "f08",
    content: "Unicode speaker",
    meta: { year: 2023.5, rating: 0, speaker: "Ünïcødé 🦊", date: "2025-06-30" },
  }),
];
const all = idsOf(filterCorpus);
const except = (...ids: string[]) => all.filter((id) => !ids.includes(id));

const is = (field: string, operator: Filter["operator"], value: unknown) => ({ field, operator, value }) as Filter;
const and = (...conditions: Filter[]): Filter => ({ operator: "AND", conditions });
const or = (...conditions: Filter[]): Filter => ({ operator: "OR", conditions });
const not = (...conditions: Filter[]): Filter => ({ operator: "NOT", conditions });

/** [what it checks, filter, the ids of `filterCorpus` it must match, in id order]. */
export const filterCases: Array<[string, Filter, string[]]> = [
  ["== on a string is case-sensitive", is("meta.speaker", "==", "Alice"), ["f01"]],
  ["== on a string", is("meta.speaker", "==", "Bob"), ["f02", "f07"]],
  ["== on an integer never matches a numeric string", is("meta.year", "==", 2021), ["f02"]],
  ["== on a numeric string never matches a number", is("meta.year", "==", "2021"), ["f04"]],
  ["== on a float", is("meta.rating", "==", 4.5), ["f01"]],
  ["== on a non-integer year", is("meta.year", "==", 2023.5), ["f08"]],
  ["== true never matches 1", is("meta.published", "==", true), ["f01", "f03"]],
  ["== false never matches missing", is("meta.published", "==", false), ["f02", "f07"]],
  ["== null matches null and missing", is("meta.speaker", "==", null), ["f05", "f06"]],
  ["== null on a key null in one document and missing elsewhere", is("meta.note", "==", null), all],
  ["!= on a string includes missing and null", is("meta.speaker", "!=", "Bob"), except("f02", "f07")],
  ["!= null", is("meta.speaker", "!=", null), except("f05", "f06")],
  ["!= true", is("meta.published", "!=", true), except("f01", "f03")],
  ["> on numbers skips strings and missing", is("meta.year", ">", 2020), ["f02", "f06", "f08"]],
  [">= on numbers", is("meta.year", ">=", 2020), ["f01", "f02", "f06", "f07", "f08"]],
  ["< on numbers", is("meta.year", "<", 2020), ["f03"]],
  ["<= on numbers", is("meta.year", "<=", 2020), ["f01", "f03", "f07"]],
  ["< 0 on negative floats", is("meta.rating", "<", 0), ["f06"]],
  [">= 0 includes zero", is("meta.rating", ">=", 0), ["f01", "f02", "f04", "f08"]],
  [">= on ISO dates", is("meta.date", ">=", "2024-01-01"), ["f01", "f02", "f08"]],
  ["< on ISO dates", is("meta.date", "<", "2024-01-01"), ["f06"]],
  ["> on strings in code point order", is("meta.speaker", ">", "B"), ["f02", "f03", "f04", "f07", "f08"]],
  ["in on strings", is("meta.speaker", "in", ["Alice", "Ciro"]), ["f01", "f03"]],
  ["in on mixed types", is("meta.year", "in", [2019, 2022, "2021"]), ["f03", "f04", "f06"]],
  ["in with null matches missing", is("meta.speaker", "in", [null, "Bob"]), ["f02", "f05", "f06", "f07"]],
  ["in an empty list matches nothing", is("meta.speaker", "in", []), []],
  ["not in includes missing", is("meta.speaker", "not in", ["Alice", "Bob"]), ["f03", "f04", "f05", "f06", "f08"]],
  ["not in an empty list matches everything", is("meta.speaker", "not in", []), all],
  ["not in on booleans", is("meta.published", "not in", [true, false]), ["f04", "f05", "f06", "f08"]],
  ["== on a nested key", is("meta.guest.name", "==", "Ada"), ["f01", "f07"]],
  ["> on a nested key", is("meta.guest.age", ">", 40), ["f07"]],
  ["== null on a nested key", is("meta.guest.name", "==", null), ["f03", "f04", "f05", "f06", "f08"]],
  ["!= on a nested key", is("meta.guest.name", "!=", "Ada"), except("f01", "f07")],
  ["a stored list never equals a scalar", is("meta.tags", "==", "a"), []],
  ["a stored list is != a scalar", is("meta.tags", "!=", "a"), all],
  ["a stored object never equals a scalar", is("meta.guest", "==", "Ada"), []],
  ["== on id", is("id", "==", "f03"), ["f03"]],
  ["in on id", is("id", "in", ["f01", "f08", "nope"]), ["f01", "f08"]],
  ["> on id", is("id", ">", "f05"), ["f06", "f07", "f08"]],
  ["== on content", is("content", "==", "Lazy dogs sleep"), ["f02"]],
  ["== null on content matches documents without content", is("content", "==", null), ["f04"]],
  ["!= null on content", is("content", "!=", null), except("f04")],
  ["AND", and(is("meta.year", ">=", 2020), is("meta.published", "==", false)), ["f02", "f07"]],
  ["OR", or(is("meta.speaker", "==", "Ciro"), is("meta.rating", ">", 4)), ["f01", "f03", "f04"]],
  ["NOT of one condition", not(is("meta.speaker", "==", "Bob")), except("f02", "f07")],
  [
    "NOT negates the AND of its conditions",
    not(is("meta.year", "==", 2020), is("meta.speaker", "==", "Bob")),
    except("f07"),
  ],
  [
    "AND of OR and NOT",
    and(or(is("meta.speaker", "==", "Alice"), is("meta.speaker", "==", "Bob")), not(is("meta.published", "==", false))),
    ["f01"],
  ],
  [
    "OR of AND and NOT of OR",
    or(
      and(is("meta.year", ">=", 2021), is("meta.rating", ">=", 3)),
      not(or(is("meta.date", ">=", "2000"), is("meta.year", "==", 2019))),
    ),
    ["f02", "f04", "f05", "f07"],
  ],
];

/** [what is wrong, filter, the path the `FilterError` must name]. */
export const invalidFilters: Array<[string, unknown, string]> = [
  ["an unknown operator", { field: "meta.x", operator: "LIKE", value: "a" }, "filters.operator"],
  ["a field without the meta. prefix", { field: "year", operator: "==", value: 1 }, "filters.field"],
  ["a comparison without a value", { field: "meta.x", operator: "==" }, "filters.value"],
  ["a list given to ==", { field: "meta.x", operator: "==", value: [1] }, "filters.value"],
  ["an object given to ==", { field: "meta.x", operator: "==", value: { a: 1 } }, "filters.value"],
  ["a string given to in", { field: "meta.x", operator: "in", value: "a" }, "filters.value"],
  ["an empty OR", { operator: "OR", conditions: [] }, "filters.conditions"],
  ["conditions that are not a list", { operator: "AND", conditions: { field: "id" } }, "filters.conditions"],
  ["a filter that is not an object", "meta.x == 1", "filters"],
  ["a field naming no meta key", { field: "meta.", operator: "==", value: 1 }, "filters.field"],
  ["a field outside id, content and meta", { field: "score", operator: ">", value: 1 }, "filters.field"],
  ["a boolean given to <", { field: "meta.x", operator: "<", value: true }, "filters.value"],
  ["a list inside an in list", { field: "meta.x", operator: "in", value: ["a", ["b"]] }, "filters.value[1]"],
  [
    "null given to >, deep in an AND",
    { operator: "AND", conditions: [is("meta.a", "==", 1), { field: "meta.b", operator: ">", value: null }] },
    "filters.conditions[1].value",
  ],
  [
    "an object inside an in list, deep in NOT and OR",
    {
      operator: "NOT",
      conditions: [{ operator: "OR", conditions: [{ field: "meta.x", operator: "in", value: [1, {}] }] }],
    },
    "filters.conditions[0].conditions[0].value[1]",
  ],
];

/** Registers the filter tests. */
export function describeFilterConformance(name: string, options: StoreConformanceOptions): void {
  describe(`${name} conforms to the document store contract: filters`, () => {
    const store = sharedStore(options, filterCorpus);

    it.each(filterCases)("%s", async (_what, filter, expected) => {
      expect(idsOf(await store().filter(filter))).toEqual(expected);
      expect(await store().count(filter)).toBe(expected.length);
    });

    it.each(invalidFilters)("rejects %s with a FilterError naming the bad part", async (_what, filter, path) => {
      for (const call of [() => store().filter(filter as Filter), () => store().count(filter as Filter)]) {
        await expect(call()).rejects.toSatisfy(
          (error: unknown) => FilterError.isInstance(error) && error.path === path && error.message.includes(path),
        );
      }
    });

    it("returns whole documents from filtered reads", async () => {
      const [found] = await store().filter(is("id", "==", "f01"));
      expect(found?.meta).toEqual(filterCorpus[0]?.meta);
      expect(found?.content).toBe("The quick brown fox");
    });
  });
}
