/**
 * Conformance: write (each duplicate policy, atomic failure), count, filter in id order with paging, delete, and
 * exact round trips of content, metadata and embeddings.
 * @module
 */
import { Document } from "@trama/core";
import { describe, expect, it } from "vitest";
import { DuplicateDocumentError } from "../store/errors.js";
import type { StoreConformanceOptions } from "./store-conformance.js";
import { expectSameDocument, freshStorePerTest, idsOf } from "./store-harness.js";

const unusual = [
  new Document({
    id: "u1",
    content: "Caffè ☕ naïve façade — e\u0301 🦊 中文 ελληνικά \"quoted\" 'single' \\ back\nslash\ttab",
    meta: {
      città: "Napoli",
      nested: { deeper: { list: [1, "two", null, true, { three: 3 }] } },
      float: 0.1,
      tiny: 1e-300,
      big: 2 ** 53 - 1,
      negative: -42.75,
      flag: false,
      nothing: null,
      emptyText: "",
      emptyList: [],
      emptyObject: {},
    },
    embedding: [0.5, -0.25, 1, 0, 3.140625],
  }),
  new Document({ id: "u2", content: "", meta: {}, embedding: [0.1, 0.2, 0.3, -1e-7, 12345.678] }),
  new Document({ id: "u3", meta: { onlyMeta: "no content, no embedding" } }),
  new Document({ id: "u4", content: "no meta at all" }),
];

const doc = (id: string, content: string, meta: Record<string, unknown> = {}) => new Document({ id, content, meta });

/** Registers the write/count/filter/delete tests. */
export function describeWriteConformance(name: string, options: StoreConformanceOptions): void {
  describe(`${name} conforms to the document store contract: write, count, filter, delete`, () => {
    const store = freshStorePerTest(options);

    it("starts empty and declares the v1 contract, its kind and a configuration naming that kind", async () => {
      expect(store().specificationVersion).toBe("v1");
      expect(typeof store().kind).toBe("string");
      expect(store().toConfig().kind).toBe(store().kind);
      expect(await store().count()).toBe(0);
      expect(await store().filter()).toEqual([]);
    });

    it("writes documents, counts them and returns them in id order", async () => {
      const result = await store().write([doc("b", "second"), doc("c", "third"), doc("a", "first")]);
      expect(result).toEqual({ written: 3, skipped: 0 });
      expect(await store().count()).toBe(3);
      expect(idsOf(await store().filter())).toEqual(["a", "b", "c"]);
      expect(await store().write([])).toEqual({ written: 0, skipped: 0 });
    });

    it("round-trips content, metadata and embeddings exactly (Unicode, nesting, floats, empty and missing parts)", async () => {
      await store().write(unusual);
      const found = await store().filter();
      expect(idsOf(found)).toEqual(["u1", "u2", "u3", "u4"]);
      unusual.forEach((expected, index) => {
        expectSameDocument(found[index], expected);
      });
      // Values a 32-bit float holds exactly come back unchanged.
      expect(found[0]?.embedding).toEqual([0.5, -0.25, 1, 0, 3.140625]);
    });

    it("pages through filter results with limit and offset, in id order", async () => {
      await store().write(["e", "a", "d", "c", "b"].map((id) => doc(id, `text ${id}`)));
      expect(idsOf(await store().filter(undefined, { limit: 2 }))).toEqual(["a", "b"]);
      expect(idsOf(await store().filter(undefined, { limit: 2, offset: 2 }))).toEqual(["c", "d"]);
      expect(idsOf(await store().filter(undefined, { offset: 4 }))).toEqual(["e"]);
      expect(idsOf(await store().filter(undefined, { offset: 9 }))).toEqual([]);
    });

    it("fails on an existing id by default, naming it, and leaves the store exactly as before", async () => {
      await store().write([doc("a", "original", { version: 1 }), doc("b", "kept")]);
      const before = await store().filter();
      const attempt = store().write([doc("new", "must not be written"), doc("a", "changed", { version: 2 })]);
      await expect(attempt).rejects.toSatisfy(
        (error: unknown) =>
          DuplicateDocumentError.isInstance(error) &&
          error.ids.includes("a") &&
          error.message.includes("'a' already stored; nothing was written"),
      );
      expect(await store().count()).toBe(2);
      expect(await store().filter()).toEqual(before);
    });

    it("fails with the fail policy, also on an id repeated inside one batch, and writes nothing", async () => {
      await store().write([doc("a", "original")]);
      await expect(store().write([doc("z", "new")], { policy: "fail" })).resolves.toEqual({ written: 1, skipped: 0 });
      await expect(store().write([doc("a", "again")], { policy: "fail" })).rejects.toSatisfy(
        DuplicateDocumentError.isInstance,
      );
      await expect(store().write([doc("x", "one"), doc("x", "two")], { policy: "fail" })).rejects.toSatisfy(
        (error: unknown) =>
          DuplicateDocumentError.isInstance(error) &&
          error.ids.join() === "x" &&
          error.message.includes("'x' repeated in this write"),
      );
      expect(idsOf(await store().filter())).toEqual(["a", "z"]);
      expect((await store().filter())[0]?.content).toBe("original");
    });

    it("skips existing ids with the skip policy, keeping the first of repeated ids", async () => {
      await store().write([doc("a", "original", { version: 1 })]);
      const result = await store().write([doc("a", "changed", { version: 2 }), doc("b", "new")], { policy: "skip" });
      expect(result).toEqual({ written: 1, skipped: 1 });
      await store().write([doc("c", "first"), doc("c", "second")], { policy: "skip" });
      const found = await store().filter();
      expect(found.map((document) => [document.id, document.content, document.meta])).toEqual([
        ["a", "original", { version: 1 }],
        ["b", "new", {}],
        ["c", "first", {}],
      ]);
    });

    it("replaces existing documents whole with the overwrite policy, keeping the last of repeated ids", async () => {
      await store().write([new Document({ id: "a", content: "original", meta: { version: 1, old: true } })]);
      const result = await store().write([doc("a", "changed", { version: 2 }), doc("b", "new")], {
        policy: "overwrite",
      });
      expect(result).toEqual({ written: 2, skipped: 0 });
      await store().write([doc("c", "first"), doc("c", "second")], { policy: "overwrite" });
      const found = await store().filter();
      expect(found.map((document) => [document.id, document.content, document.meta])).toEqual([
        ["a", "changed", { version: 2 }],
        ["b", "new", {}],
        ["c", "second", {}],
      ]);
    });

    it("deletes by id, ignoring unknown and repeated ids, and says how many it deleted", async () => {
      await store().write([doc("a", "one"), doc("b", "two"), doc("c", "three")]);
      expect(await store().delete(["b", "unknown", "b"])).toBe(1);
      expect(await store().delete([])).toBe(0);
      expect(await store().delete(["unknown"])).toBe(0);
      expect(idsOf(await store().filter())).toEqual(["a", "c"]);
      expect(await store().count()).toBe(2);
      await store().write([doc("b", "two again")]);
      expect(idsOf(await store().filter())).toEqual(["a", "b", "c"]);
    });
  });
}
