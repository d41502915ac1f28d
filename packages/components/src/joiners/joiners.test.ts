import { Document, Pipeline, t } from "@trama/core";
import { describe, expect, it } from "vitest";
import { BranchJoiner } from "./branch-joiner.js";
import { DocumentJoiner, joinDocuments } from "./document-joiner.js";
import { ListJoiner } from "./list-joiner.js";

const doc = (id: string, score?: number) => new Document({ id, content: id, score });

describe("DocumentJoiner", () => {
  const run = (params: Parameters<typeof DocumentJoiner>[0], documents: Document[][]) =>
    DocumentJoiner(params).run({ documents, topK: undefined }, undefined as never) as { documents: Document[] };

  it("concatenates keeping each document once with its best score, highest first", () => {
    const result = run({}, [
      [doc("a", 0.2), doc("b", 0.9)],
      [doc("a", 0.5), doc("c")],
    ]);
    expect(result.documents.map((d) => [d.id, d.score])).toEqual([
      ["b", 0.9],
      ["a", 0.5],
      ["c", undefined],
    ]);
  });

  it("merges with weights and fuses ranks", () => {
    const merged = run({ mode: "merge", weights: [3, 1] }, [[doc("a", 1), doc("b", 0.5)], [doc("b", 1)]]);
    expect(merged.documents.map((d) => [d.id, d.score])).toEqual([
      ["a", 0.75],
      ["b", 0.625],
    ]);
    const fused = run({ mode: "reciprocal_rank_fusion" }, [[doc("a"), doc("b")], [doc("b"), doc("a")], [doc("a")]]);
    expect(fused.documents.map((d) => d.id)).toEqual(["a", "b"]);
    expect(fused.documents[0]!.score).toBeGreaterThan(fused.documents[1]!.score!);
    expect(() => run({ mode: "merge", weights: [1] }, [[doc("a")], [doc("b")]])).toThrow(/one weight per list/);
  });

  it("joins the same way outside a pipeline, weights favouring a list", () => {
    const lists = [
      [doc("a"), doc("b")],
      [doc("b"), doc("c")],
    ];
    expect(joinDocuments(lists, { mode: "reciprocal_rank_fusion", topK: 2 }).map((d) => d.id)).toEqual(["b", "a"]);
    const favoured = joinDocuments(lists, { mode: "reciprocal_rank_fusion", weights: [0.1, 0.9] });
    expect(favoured.map((d) => d.id)).toEqual(["b", "c", "a"]);
    // A document first in every list scores 1.
    expect(joinDocuments([[doc("x")], [doc("x")]], { mode: "reciprocal_rank_fusion" })[0]!.score).toBeCloseTo(1);
  });
});

describe("BranchJoiner and ListJoiner", () => {
  it("pass on one branch's value, and concatenate lists", async () => {
    const pipeline = new Pipeline()
      .add("branch", BranchJoiner({ type: t.number }))
      .add("list", ListJoiner({ type: t.list(t.string) }));
    expect(await pipeline.run({ branch: { value: 1 }, list: { values: ["a", "b"] } })).toEqual({
      branch: { value: 1 },
      list: { values: ["a", "b"] },
    });
  });
});
