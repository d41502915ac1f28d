import { Document, Pipeline } from "@trama/core";
import { describe, expect, it } from "vitest";
import {
  AnswerExactMatchEvaluator,
  DocumentMRREvaluator,
  DocumentNDCGEvaluator,
  DocumentRecallEvaluator,
} from "./metric-evaluators.js";
import { exactMatch, ndcgAtK, recallAtK, reciprocalRank } from "./retrieval-metrics.js";

const docs = (...contents: string[]) => contents.map((content) => new Document({ content }));

describe("retrieval metrics", () => {
  const relevant = docs("paris", "lyon");
  const retrieved = docs("rome", "paris", "berlin", "lyon");

  it("Recall@k, single and multi hit", () => {
    expect(recallAtK({ relevant, retrieved })).toBe(1);
    expect(recallAtK({ relevant, retrieved, k: 1 })).toBe(0);
    expect(recallAtK({ relevant, retrieved, mode: "multi_hit" })).toBe(1);
    expect(recallAtK({ relevant, retrieved, k: 3, mode: "multi_hit" })).toBe(0.5);
    expect(recallAtK({ relevant: [], retrieved, mode: "multi_hit" })).toBe(0);
    // Compared by id, documents with the same content but other ids do not match.
    expect(
      recallAtK({ relevant: docs("paris"), retrieved: [new Document({ id: "x", content: "paris" })], compareBy: "id" }),
    ).toBe(0);
  });

  it("reciprocal rank and NDCG@k, binary and graded", () => {
    expect(reciprocalRank({ relevant, retrieved })).toBe(0.5);
    expect(reciprocalRank({ relevant, retrieved, k: 1 })).toBe(0);
    // DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
    expect(ndcgAtK({ relevant, retrieved })).toBeCloseTo(
      (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)),
    );
    expect(ndcgAtK({ relevant, retrieved: docs("paris", "lyon") })).toBe(1);
    const graded = [new Document({ content: "a", score: 3 }), new Document({ content: "b", score: 1 })];
    expect(ndcgAtK({ relevant: graded, retrieved: docs("b", "a") })).toBeCloseTo(
      (1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)),
    );
    expect(ndcgAtK({ relevant: graded, retrieved: docs("a"), k: 1 })).toBe(1);
  });

  it("exact match, strict or normalized", () => {
    expect(exactMatch({ expected: "Paris", predicted: "Paris" })).toBe(1);
    expect(exactMatch({ expected: "Paris", predicted: "paris." })).toBe(0);
    expect(exactMatch({ expected: "The Eiffel Tower", predicted: "eiffel tower!", normalize: true })).toBe(1);
    expect(exactMatch({ expected: "la Torre di Pisa", predicted: "Torre di Pisa", normalize: true })).toBe(1);
  });
});

describe("metric evaluators", () => {
  it("score each query and average them", async () => {
    const pipeline = new Pipeline()
      .add("recall", DocumentRecallEvaluator({ mode: "multi_hit", k: 2 }))
      .add("mrr", DocumentMRREvaluator())
      .add("ndcg", DocumentNDCGEvaluator())
      .add("exact", AnswerExactMatchEvaluator());
    const lists = {
      groundTruthDocuments: [docs("a"), docs("b", "c")],
      retrievedDocuments: [docs("a", "x"), docs("x", "y", "c")],
    };
    const result = await pipeline.run({
      recall: lists,
      mrr: lists,
      ndcg: lists,
      exact: { groundTruthAnswers: ["Paris", "Rome"], predictedAnswers: ["Paris", "Milan"] },
    });
    expect(result.recall).toEqual({ score: 0.5, individualScores: [1, 0] });
    expect(result.mrr).toEqual({ score: (1 + 1 / 3) / 2, individualScores: [1, 1 / 3] });
    expect((result.ndcg as { individualScores: number[] }).individualScores[0]).toBe(1);
    expect(result.exact).toEqual({ score: 0.5, individualScores: [1, 0] });
    await expect(
      new Pipeline()
        .add("mrr", DocumentMRREvaluator())
        .run({ mrr: { groundTruthDocuments: [[]], retrievedDocuments: [] } }),
    ).rejects.toThrow(/'mrr' got 1 ground-truth lists but 0 retrieved lists/);
  });
});
