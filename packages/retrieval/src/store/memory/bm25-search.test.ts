import { seededRandom } from "@trama/core";
import { describe, expect, it } from "vitest";
import { referenceBm25 } from "../../testing/reference-bm25.js";
import { Bm25Index } from "./bm25-index.js";
import type { Bm25Parameters } from "./bm25-scoring.js";
import { type Bm25Hit, searchExhaustive, searchPruned } from "./bm25-search.js";

/** Words drawn with a Zipf-like skew, so a few terms have long posting lists with many blocks. */
function randomText(random: () => number, vocabulary: number, words: number): string {
  return Array.from({ length: words }, () => `w${Math.floor(vocabulary * random() ** 2.5)}`).join(" ");
}

const split = (text: string) => text.split(" ").filter(Boolean);

function buildIndex(random: () => number, documents: number, parameters: Bm25Parameters = {}) {
  const index = new Bm25Index(split, parameters);
  const texts: string[] = [];
  for (let slot = 0; slot < documents; slot++) {
    const text = randomText(random, 300, 1 + Math.floor(random() * 40));
    texts.push(text);
    index.add(`d${slot}`, text);
  }
  return { index, texts };
}

const ids = (index: Bm25Index, hits: Bm25Hit[]) => hits.map((hit) => `${index.idAt(hit.slot)}:${hit.score}`);

describe("BM25 search", () => {
  it("prunes to exactly the exhaustive top k (same documents, order and scores) on random corpora and queries", () => {
    const random = seededRandom(7);
    for (let round = 0; round < 12; round++) {
      const variant = (["okapi", "bm25l", "bm25+"] as const)[round % 3];
      const { index } = buildIndex(random, 200 + Math.floor(random() * 1500), { variant });
      // Delete some documents, so dead postings sit inside blocks.
      for (let slot = 0; slot < 40; slot++) {
        if (random() < 0.5) index.remove(`d${Math.floor(random() * 200)}`, undefined);
      }
      for (let query = 0; query < 40; query++) {
        const text = randomText(random, 300, 1 + Math.floor(random() * 4));
        const topK = 1 + Math.floor(random() * 20);
        const exhaustive = searchExhaustive(index, { query: text, topK });
        const statistics = { postings: 0, scored: 0 };
        const documentAtATime = searchPruned(index, { query: text, topK, pruneFrom: 0, statistics });
        expect(ids(index, documentAtATime), `${variant}: '${text}' top ${topK}`).toEqual(ids(index, exhaustive));
        expect(statistics.scored).toBeLessThanOrEqual(statistics.postings);
        const termAtATime = searchPruned(index, { query: text, topK, pruneFrom: Number.POSITIVE_INFINITY, statistics });
        expect(ids(index, termAtATime), `${variant}: '${text}' top ${topK}`).toEqual(ids(index, exhaustive));
        expect(statistics.scored).toBeLessThanOrEqual(statistics.postings);
      }
    }
  });

  it("applies filters before taking the top k, in both searches", () => {
    const { index } = buildIndex(seededRandom(11), 2000);
    const accept = (slot: number) => slot % 3 === 0;
    const exhaustive = searchExhaustive(index, { query: "w0 w1 w5", topK: 10, accept });
    expect(exhaustive).toHaveLength(10);
    expect(exhaustive.every((hit) => hit.slot % 3 === 0)).toBe(true);
    for (const pruneFrom of [0, Number.POSITIVE_INFINITY]) {
      expect(searchPruned(index, { query: "w0 w1 w5", topK: 10, accept, pruneFrom })).toEqual(exhaustive);
    }
  });

  it("term at a time, leaves most of a common term's postings unread when a rare term decides the top k", () => {
    const index = new Bm25Index(split);
    for (let slot = 0; slot < 5000; slot++)
      index.add(`d${slot}`, slot % 50 === 0 ? `rare common common${slot % 7}` : "common filler");
    const statistics = { postings: 0, scored: 0 };
    const hits = searchPruned(index, {
      query: "rare common",
      topK: 10,
      statistics,
      pruneFrom: Number.POSITIVE_INFINITY,
    });
    expect(hits.map((hit) => hit.slot)).toEqual(
      searchExhaustive(index, { query: "rare common", topK: 10 }).map((hit) => hit.slot),
    );
    expect(statistics.postings).toBe(5100);
    expect(statistics.scored).toBeLessThan(300);
  });

  it("skips most postings of frequent terms", () => {
    const { index } = buildIndex(seededRandom(3), 20_000);
    const statistics = { postings: 0, scored: 0 };
    searchPruned(index, { query: "w0 w1", topK: 10, statistics });
    expect(statistics.postings).toBeGreaterThan(10_000);
    expect(statistics.scored).toBeLessThan(statistics.postings / 2);
  });

  it.each([
    ["okapi", {}],
    ["bm25l", { variant: "bm25l", delta: 0.5 }],
    ["bm25+", { variant: "bm25+", delta: 1 }],
    ["okapi with k1 2 and b 0.3", { k1: 2, b: 0.3 }],
  ] as Array<[string, Bm25Parameters]>)("scores %s as the formula says", (_name, parameters) => {
    const { index, texts } = buildIndex(seededRandom(5), 300, parameters);
    const query = "w0 w3 w40";
    const expected = referenceBm25({ documents: texts.map(split), query: split(query), ...parameters });
    const hits = searchExhaustive(index, { query, topK: 300 });
    expect(hits.length).toBe(expected.filter((score) => score > 0).length);
    for (const hit of hits) expect(hit.score).toBeCloseTo(expected[hit.slot] as number, 10);
  });

  it("keeps statistics and results consistent through deletes and compaction", () => {
    const random = seededRandom(9);
    const { index, texts } = buildIndex(random, 400);
    const alive = texts.map(() => true);
    for (let slot = 0; slot < 300; slot++) {
      index.remove(`d${slot}`, texts[slot]);
      alive[slot] = false;
    }
    expect(index.size).toBe(100);
    const query = "w0 w2 w9";
    const expected = referenceBm25({
      documents: texts.map((text, slot) => (alive[slot] ? split(text) : undefined)),
      query: split(query),
    });
    const hits = searchPruned(index, { query, topK: 5, pruneFrom: 0 });
    const best = expected
      .map((score, slot) => ({ score, id: `d${slot}` }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    expect(hits.map((hit) => index.idAt(hit.slot))).toEqual(best.map((entry) => entry.id));
  });
});
