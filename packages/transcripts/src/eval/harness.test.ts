/**
 * The evaluation harness on one real post (the full `npm run eval:transcripts` runs them all): synthesis is seeded,
 * the fusion beats the naive baseline where the baseline is weak, and the real ep49 pair fuses into a valid post.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parsePost } from "../post/read-post.js";
import { measureRealPair } from "./real-pair.js";
import { runCase } from "./run-case.js";
import { synthesizeInputs } from "./synthesize.js";
import { truthFromEpisode } from "./truth.js";

const podcast = fileURLToPath(new URL("../../../../../shared/data/podcast/", import.meta.url));
const present = existsSync(join(podcast, "posts"));
const file = "2026-02-14-Puntata39.md";
const rate = (ratio: { count: number; total: number }) => ratio.count / ratio.total;

describe.skipIf(!present)("evaluation harness (shared data at ../shared/data/podcast)", () => {
  const truth = present
    ? truthFromEpisode(parsePost(readFileSync(join(podcast, "posts", file), "utf8"), { file }).episode)!
    : undefined;

  it("synthesizes the same inputs on every run", () => {
    const first = synthesizeInputs({ truth: truth!, name: file, rate: 0.15, variant: "vtt-auto" });
    const second = synthesizeInputs({ truth: truth!, name: file, rate: 0.15, variant: "vtt-auto" });
    expect(second).toEqual(first);
    expect(first.speakers).toMatch(/^\S.* \(\d\d:\d\d\)\n/);
    expect(first.text).toMatch(/^WEBVTT\n/);
    expect(first.text).toContain("<c>");
  });

  it("fuses one post at 15% errors far better than the naive baseline", () => {
    const result = runCase({ truth: truth!, name: file, rate: 0.15, variant: "sbv" });
    expect(result.speakerSourceWrong / result.truthWords).toBeGreaterThan(0.08);
    expect(rate(result.ours.nearChange)).toBeGreaterThan(0.97);
    expect(rate(result.ours.coverage)).toBeGreaterThan(0.98);
    expect(rate(result.ours.invented)).toBeLessThan(0.001);
    expect(rate(result.ours.shortTurns)).toBeGreaterThan(rate(result.baseline.shortTurns) + 0.3);
    expect(rate(result.ours.nearChange)).toBeGreaterThan(rate(result.baseline.nearChange) + 0.05);
    expect(rate(result.ours.chaptersAtSentence)).toBeGreaterThan(rate(result.baseline.chaptersAtSentence));
  });

  it("fuses the real ep49 pair into a post the validator accepts", () => {
    const real = measureRealPair(join(podcast, "raw", "ep49"));
    expect(real.validation.errors).toBe(0);
    expect(rate(real.counts.speaker)).toBeGreaterThan(0.98);
    expect(real.chapters).toHaveLength(12);
  });
});
