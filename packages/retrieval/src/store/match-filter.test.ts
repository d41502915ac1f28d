import { Document } from "@trama/core";
import { describe, expect, it } from "vitest";
import { filterCases, filterCorpus, invalidFilters } from "../testing/conformance-filters.js";
import { FilterError } from "./errors.js";
import type { Filter } from "./filters.js";
import { compareCodePoints, compileFilter, matchesFilter, validateFilter } from "./match-filter.js";

describe("matchesFilter, the reference semantics", () => {
  it.each(filterCases)("%s", (_what, filter, expected) => {
    const matching = filterCorpus.filter((document) => matchesFilter(document, filter)).map((document) => document.id);
    expect(matching).toEqual(expected);
  });

  it.each(invalidFilters)("refuses %s, naming the path", (_what, filter, path) => {
    expect(() => validateFilter(filter)).toThrow(expect.objectContaining({ path }));
    try {
      compileFilter(filter as Filter, { store: "memory" });
      expect.unreachable("the filter was accepted");
    } catch (error) {
      expect(FilterError.isInstance(error)).toBe(true);
      expect((error as FilterError).message).toMatch(
        new RegExp(`^The memory store refused the filter at ${escapeRegExp(path)}: `),
      );
    }
  });

  it("matches every document without a filter", () => {
    expect(matchesFilter(new Document({ content: "x" }), undefined)).toBe(true);
  });

  it("reads nested meta keys only through plain objects, never through lists or inherited keys", () => {
    const document = new Document({ meta: { list: [{ a: 1 }], nested: { a: 1 } } });
    expect(matchesFilter(document, { field: "meta.nested.a", operator: "==", value: 1 })).toBe(true);
    expect(matchesFilter(document, { field: "meta.list.0.a", operator: "==", value: null })).toBe(true);
    expect(matchesFilter(document, { field: "meta.nested.constructor", operator: "==", value: null })).toBe(true);
  });
});

describe("compareCodePoints", () => {
  it("orders by code point, unlike UTF-16 comparison, for characters beyond the Basic Multilingual Plane", () => {
    const privateUse = "\uE000";
    const emoji = "🦊"; // U+1F98A: encoded as surrogates 0xD83E 0xDD8A, below 0xE000 as UTF-16 units
    expect(emoji < privateUse).toBe(true);
    expect(compareCodePoints(emoji, privateUse)).toBeGreaterThan(0);
    expect(compareCodePoints("abc", "abd")).toBeLessThan(0);
    expect(compareCodePoints("ab", "abc")).toBeLessThan(0);
    expect(compareCodePoints("Élodie", "Zoe")).toBeGreaterThan(0);
    expect(compareCodePoints("same", "same")).toBe(0);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
