import { describe, expect, it } from "vitest";
import { aggregateBallots, type BallotInput } from "./aggregate.js";

const members = ["ann", "bob", "cat"];
const complete = (reviewer: string, rankedMembers: string[]): BallotInput => ({
  reviewer,
  status: "complete",
  rankedMembers,
});

describe("aggregateBallots", () => {
  it("scores by normalized Borda with self-votes excluded", () => {
    // Everyone ranks itself first; without self-votes, bob wins: ann and cat both put bob above the other.
    const aggregate = aggregateBallots(members, [
      complete("ann", ["ann", "bob", "cat"]),
      complete("bob", ["bob", "cat", "ann"]),
      complete("cat", ["cat", "bob", "ann"]),
    ]);
    expect(aggregate.rows.map((row) => [row.member, row.place, row.borda, row.averageRank])).toEqual([
      ["bob", 1, 1, 1],
      ["cat", 2, 0.5, 1.5],
      ["ann", 3, 0, 2],
    ]);
    expect(aggregate.rows.map((row) => row.selfRank)).toEqual([1, 1, 1]);
    expect(aggregate.counted).toEqual(["ann", "bob", "cat"]);
    expect(aggregate.clear).toBe(true);
  });

  it("keeps where a reviewer placed itself as a diagnostic only", () => {
    const aggregate = aggregateBallots(members, [
      complete("ann", ["bob", "cat", "ann"]),
      complete("bob", ["ann", "bob", "cat"]),
      complete("cat", ["ann", "bob", "cat"]),
    ]);
    const byMember = Object.fromEntries(aggregate.rows.map((row) => [row.member, row]));
    expect(byMember.ann).toMatchObject({ borda: 1, selfRank: 3, selfBallotSize: 3 });
    expect(byMember.bob).toMatchObject({ selfRank: 2 });
  });

  it("penalises a partial ballot: left-out answers share its last places, and it weighs less", () => {
    const four = ["ann", "bob", "cat", "dan"];
    const aggregate = aggregateBallots(four, [
      // dan ranks only bob among the three others (k = 1 of m − 1 = 2): weight 0.5; ann and cat share places 1 and 2.
      { reviewer: "dan", status: "partial", rankedMembers: ["bob"] },
      complete("ann", ["cat", "bob", "dan"]),
    ]);
    const bob = aggregate.rows.find((row) => row.member === "bob")!;
    // From ann: bob second of three others (places 0..2) → 0.5 point, weight 1. From dan: first → 1 point, weight 0.5.
    expect(bob.ballots).toBe(1.5);
    expect(bob.borda).toBeCloseTo((0.5 + 0.5 * 1) / 1.5);
    expect(bob.averageRank).toBeCloseTo((2 + 0.5 * 1) / 1.5);
    const cat = aggregate.rows.find((row) => row.member === "cat")!;
    // From dan: shared place (1 + 2) / 2 = 1.5 → (2 − 1.5) / 2 = 0.25 point at weight 0.5; from ann: first → 1.
    expect(cat.borda).toBeCloseTo((1 + 0.5 * 0.25) / 1.5);
  });

  it("counts a partial ballot that leaves out only one other answer fully", () => {
    const aggregate = aggregateBallots(members, [{ reviewer: "ann", status: "partial", rankedMembers: ["cat"] }]);
    expect(aggregate.rows.find((row) => row.member === "cat")).toMatchObject({ borda: 1, ballots: 1 });
    expect(aggregate.rows.find((row) => row.member === "bob")).toMatchObject({ borda: 0, ballots: 1 });
  });

  it("lists invalid, abstaining and failed reviews as ignored", () => {
    const aggregate = aggregateBallots(members, [
      complete("ann", ["bob", "cat", "ann"]),
      { reviewer: "bob", status: "invalid", problem: "C ranked more than once", rankedMembers: [] },
      { reviewer: "cat", status: "abstain", rankedMembers: [] },
      { reviewer: "dan", status: "failed", problem: "HTTP 500", rankedMembers: [] },
    ]);
    expect(aggregate.counted).toEqual(["ann"]);
    expect(aggregate.ignored).toEqual([
      { reviewer: "bob", status: "invalid", problem: "C ranked more than once" },
      { reviewer: "cat", status: "abstain" },
      { reviewer: "dan", status: "failed", problem: "HTTP 500" },
    ]);
    expect(aggregate.flags.map((flag) => flag.kind)).toContain("few-ballots");
    expect(aggregate.clear).toBe(false);
  });

  it("flags ties, close scores and split votes", () => {
    const clear = aggregateBallots(members, [
      complete("ann", ["bob", "cat", "ann"]),
      complete("bob", ["cat", "ann", "bob"]),
      complete("cat", ["bob", "ann", "cat"]),
    ]);
    // bob: 1 (ann) and 1 (cat); cat: 0 (ann) and 1 (bob); ann: 0 (bob) and 0 (cat).
    expect(clear.flags).toEqual([]);
    const tied = aggregateBallots(members, [
      complete("ann", ["bob", "cat"]),
      complete("bob", ["cat", "ann"]),
      complete("cat", ["ann", "bob"]),
    ]);
    expect(tied.rows.map((row) => row.place)).toEqual([1, 1, 1]);
    expect(tied.flags).toEqual([expect.objectContaining({ kind: "tie", members: ["ann", "bob", "cat"] })]);
    // a is everyone's second choice: it leads on points (0.67 against b's 0.58) without a single first place.
    const split = aggregateBallots(
      ["a", "b", "c", "d", "e"],
      [
        complete("a", ["b", "c", "d", "e"]),
        complete("b", ["c", "a", "d", "e"]),
        complete("c", ["d", "a", "e", "b"]),
        complete("d", ["e", "a", "b", "c"]),
        complete("e", ["b", "a", "c", "d"]),
      ],
    );
    expect(split.rows[0]).toMatchObject({ member: "a", firstPlaces: 0 });
    expect(split.flags.map((flag) => flag.kind)).toEqual(["close", "split"]);
    expect(split.clear).toBe(false);
  });

  it("says so when no ballot counts", () => {
    const aggregate = aggregateBallots(members, [{ reviewer: "ann", status: "abstain", rankedMembers: [] }]);
    expect(aggregate.rows.every((row) => row.borda === 0 && row.averageRank === undefined)).toBe(true);
    expect(aggregate.flags).toEqual([expect.objectContaining({ kind: "no-ballots" })]);
  });
});
