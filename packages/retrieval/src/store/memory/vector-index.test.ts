import { seededRandom } from "@trama/core";
import { describe, expect, it } from "vitest";
import { DocumentStoreError } from "../errors.js";
import { VectorIndex } from "./vector-index.js";
import { VectorRows } from "./vector-rows.js";
import { createKernels } from "./wasm-kernels.js";

const randomVector = (random: () => number, dimension: number) =>
  Array.from({ length: dimension }, () => random() * 2 - 1);

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index] as number) * (b[index] as number);
  return sum;
}

describe("WebAssembly kernels", () => {
  it("compute float32 and int8 dot products as plain loops do", () => {
    const kernels = createKernels(4);
    const random = seededRandom(1);
    const floats = new Float32Array(kernels.memory.buffer);
    const bytes = new Int8Array(kernels.memory.buffer);
    const stride = 128;
    const query = Float32Array.from(randomVector(random, 32));
    floats.set(query, 0);
    const rows = Array.from({ length: 5 }, () => Float32Array.from(randomVector(random, 32)));
    rows.forEach((row, index) => {
      floats.set(row, (1024 + index * stride) / 4);
    });
    kernels.dotF32(1024, 0, stride, rows.length, 8192);
    rows.forEach((row, index) => {
      expect(floats[2048 + index]).toBeCloseTo(dot(row, query), 5);
    });

    const byteRows = Array.from({ length: 3 }, () =>
      Int8Array.from({ length: 64 }, () => Math.round(random() * 254 - 127)),
    );
    const byteQuery = Int8Array.from({ length: 64 }, () => Math.round(random() * 254 - 127));
    bytes.set(byteQuery, 0);
    byteRows.forEach((row, index) => {
      bytes.set(row, 1024 + index * 64);
    });
    kernels.dotI8(1024, 0, 64, byteRows.length, 8192);
    byteRows.forEach((row, index) => {
      expect(floats[2048 + index]).toBe(dot(row, byteQuery));
    });
  });
});

describe("VectorRows", () => {
  it("grows, keeps rows in place, and scores every row (dimensions that are not multiples of 16 too)", () => {
    const random = seededRandom(2);
    for (const dimension of [1, 3, 16, 17, 384]) {
      const rows = new VectorRows("float32", dimension);
      const values = Array.from({ length: 300 }, () => randomVector(random, dimension));
      values.forEach((row, slot) => {
        rows.set(slot, row);
      });
      const query = randomVector(random, dimension);
      const scores = rows.dot(query, values.length);
      values.forEach((row, slot) => {
        expect(scores[slot]).toBeCloseTo(dot(row, query), 4);
      });
      expect(rows.get(17)).toEqual(Array.from(Float32Array.from(values[17] as number[])));
    }
  });

  it("keeps int8 rows within 1/254 of each row's largest value", () => {
    const random = seededRandom(3);
    const rows = new VectorRows("int8", 50);
    const values = Array.from({ length: 40 }, () => randomVector(random, 50));
    values.forEach((row, slot) => {
      rows.set(slot, row);
    });
    values.forEach((row, slot) => {
      const largest = Math.max(...row.map(Math.abs));
      (rows.get(slot) as number[]).forEach((value, index) => {
        expect(Math.abs(value - (row[index] as number))).toBeLessThanOrEqual(largest / 254 + 1e-6);
      });
    });
    const query = randomVector(random, 50);
    const scores = rows.dot(query, values.length);
    values.forEach((row, slot) => {
      expect(Math.abs((scores[slot] as number) - dot(row, query))).toBeLessThan(0.1);
    });
  });
});

describe("VectorIndex", () => {
  it("finds the exact top k by dot product and cosine, through deletes and compaction", () => {
    const random = seededRandom(4);
    const index = new VectorIndex();
    const vectors = new Map<string, number[]>();
    for (let item = 0; item < 600; item++) {
      const vector = randomVector(random, 24);
      vectors.set(`v${item}`, vector);
      index.add(`v${item}`, vector);
    }
    for (let item = 0; item < 400; item += 2) {
      index.remove(`v${item}`);
      vectors.delete(`v${item}`);
    }
    const query = randomVector(random, 24);
    const norm = (vector: number[]) => Math.sqrt(dot(vector, vector));
    for (const similarity of ["dot", "cosine"] as const) {
      const expected = [...vectors]
        .map(([id, vector]) => ({
          id,
          score: similarity === "dot" ? dot(vector, query) : dot(vector, query) / (norm(vector) * norm(query)),
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 7);
      const found = index.search({ query, topK: 7, similarity });
      expect(found.map((hit) => index.idAt(hit.slot))).toEqual(expected.map((entry) => entry.id));
      found.forEach((hit, rank) => {
        expect(hit.score).toBeCloseTo(expected[rank]?.score as number, 4);
      });
    }
    expect(index.size).toBe(400);
  });

  it("refuses embeddings of another dimension, naming both sizes", () => {
    const index = new VectorIndex();
    index.add("a", [1, 2, 3]);
    expect(() => index.checkDimension([1, 2], "document 'b'")).toThrow(DocumentStoreError);
    expect(() => index.search({ query: [1, 2], topK: 1, similarity: "dot" })).toThrow(/3-dimensional.*has 2 values/);
  });

  it("searches approximately through usearch, finding what exact search finds on an easy collection", () => {
    const random = seededRandom(5);
    const exact = new VectorIndex();
    const approximate = new VectorIndex({ approximate: { library: "usearch" }, similarity: "cosine" });
    for (let item = 0; item < 500; item++) {
      const vector = randomVector(random, 16);
      exact.add(`v${item}`, vector);
      approximate.add(`v${item}`, vector);
    }
    approximate.remove("v3");
    exact.remove("v3");
    let agreed = 0;
    for (let query = 0; query < 20; query++) {
      const vector = randomVector(random, 16);
      const expected = exact
        .search({ query: vector, topK: 5, similarity: "cosine" })
        .map((hit) => exact.idAt(hit.slot));
      const found = approximate.search({ query: vector, topK: 5, similarity: "cosine", approximate: true });
      expect(found.every((hit) => approximate.idAt(hit.slot) !== "v3")).toBe(true);
      agreed += found.filter((hit) => expected.includes(approximate.idAt(hit.slot))).length;
    }
    expect(agreed / 100).toBeGreaterThan(0.9);
  });
});
