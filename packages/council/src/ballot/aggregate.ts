/**
 * Aggregating the reviewers' ballots into one ranking: normalized Borda count with self-votes excluded.
 *
 * For each counted ballot, the reviewer's own answer is removed first; the `m` other answers get places 0…m−1 in the
 * order the ballot gives, and answers a partial ballot leaves out share its last places (the mean of the places left).
 * A place `p` is worth `(m − 1 − p) / (m − 1)` points: 1 for first, 0 for last. A partial ballot that ranks `k` of the
 * `m` other answers counts with weight `min(1, k / (m − 1))` — ranking all but one fixes the whole order, so such a
 * ballot counts fully — and a complete ballot with weight 1. A member's score is the weighted mean of its points over
 * the ballots of the other reviewers, in [0, 1]; its average rank is the weighted mean of its places, counted from 1.
 * Where each reviewer placed its own answer is kept beside, as a diagnostic of self-preference, never counted.
 * Invalid and abstaining ballots, and reviews that failed, are listed as ignored.
 * @module
 */
import type { Aggregate, AggregateFlag, AggregateRow, BallotStatus } from "../council-result.js";

/** One review's ballot, with labels already turned into member names. */
export interface BallotInput {
  reviewer: string;
  status: BallotStatus | "failed";
  problem?: string;
  /** Members in the ballot's order, best first (empty unless complete or partial). */
  rankedMembers: string[];
}

/** Scores closer than this count as a tie. */
const tieEpsilon = 1e-9;
/** A lead smaller than this (on the 0–1 Borda scale) is flagged as close. */
export const closeMargin = 0.1;

/** Aggregates ballots about the answers of `candidates` (the members that answered), best first. */
export function aggregateBallots(candidates: readonly string[], ballots: readonly BallotInput[]): Aggregate {
  const totals = new Map(candidates.map((member) => [member, { points: 0, places: 0, weight: 0, firsts: 0 }]));
  const self = new Map<string, { rank?: number; size: number }>();
  const counted: string[] = [];
  const ignored: Aggregate["ignored"] = [];

  for (const ballot of ballots) {
    if (ballot.status !== "complete" && ballot.status !== "partial") {
      ignored.push({
        reviewer: ballot.reviewer,
        status: ballot.status,
        ...(ballot.problem ? { problem: ballot.problem } : {}),
      });
      continue;
    }
    counted.push(ballot.reviewer);
    const ranked = ballot.rankedMembers.filter((member) => totals.has(member));
    if (totals.has(ballot.reviewer)) {
      const position = ranked.indexOf(ballot.reviewer);
      self.set(ballot.reviewer, { ...(position >= 0 ? { rank: position + 1 } : {}), size: ranked.length });
    }
    const others = candidates.filter((member) => member !== ballot.reviewer);
    const order = ranked.filter((member) => member !== ballot.reviewer);
    const m = others.length;
    if (m < 2 || order.length === 0) continue;
    const weight = Math.min(1, order.length / (m - 1));
    // Left-out answers share the places after the ranked ones.
    const sharedPlace = (order.length + (m - 1)) / 2;
    for (const [place, member] of order.entries()) addPlace(member, place);
    for (const member of others) if (!order.includes(member)) addPlace(member, sharedPlace);

    function addPlace(member: string, place: number) {
      const total = totals.get(member)!;
      total.points += (weight * (m - 1 - place)) / (m - 1);
      total.places += weight * (place + 1);
      total.weight += weight;
      if (place === 0) total.firsts++;
    }
  }

  const rows = candidates
    .map((member): Omit<AggregateRow, "place"> => {
      const total = totals.get(member)!;
      const own = self.get(member);
      return {
        member,
        borda: total.weight > 0 ? total.points / total.weight : 0,
        ...(total.weight > 0 ? { averageRank: total.places / total.weight } : {}),
        ballots: total.weight,
        firstPlaces: total.firsts,
        ...(own?.rank !== undefined ? { selfRank: own.rank } : {}),
        ...(own ? { selfBallotSize: own.size } : {}),
      };
    })
    .sort(
      (a, b) =>
        b.borda - a.borda ||
        (a.averageRank ?? Number.POSITIVE_INFINITY) - (b.averageRank ?? Number.POSITIVE_INFINITY) ||
        // Equal scores keep the members' own order.
        candidates.indexOf(a.member) - candidates.indexOf(b.member),
    );
  const placed = rows.map((row) => ({
    ...row,
    place: 1 + rows.filter((other) => other.borda > row.borda + tieEpsilon).length,
  }));
  const flags = flagsFor(placed, counted.length);
  return { rows: placed, counted, ignored, clear: flags.length === 0, flags };
}

function flagsFor(rows: readonly AggregateRow[], counted: number): AggregateFlag[] {
  if (rows.length === 0) return [];
  if (counted === 0) {
    return [
      {
        kind: "no-ballots",
        members: rows.map((row) => row.member),
        message: "No review gave a usable ranking: the order says nothing about the answers.",
      },
    ];
  }
  const flags: AggregateFlag[] = [];
  const thin = rows.filter((row) => row.ballots < 1);
  if (counted < 2 || thin.length) {
    flags.push({
      kind: "few-ballots",
      members: (thin.length ? thin : rows).map((row) => row.member),
      message:
        counted < 2
          ? `Only ${counted} ballot was counted.`
          : `${thin.map((row) => row.member).join(", ")} ${thin.length === 1 ? "was" : "were"} ranked by less than one full ballot.`,
    });
  }
  const [first, second] = rows;
  if (first && second) {
    const leaders = rows.filter((row) => row.place === 1).map((row) => row.member);
    if (leaders.length > 1) {
      flags.push({ kind: "tie", members: leaders, message: `${leaders.join(", ")} tie for first place.` });
    } else if (first.borda - second.borda < closeMargin) {
      flags.push({
        kind: "close",
        members: [first.member, second.member],
        message: `${first.member} leads ${second.member} by only ${(first.borda - second.borda).toFixed(2)} (Borda, 0–1).`,
      });
    }
    if (leaders.length === 1 && first.ballots > 0 && first.firstPlaces < first.ballots / 2) {
      flags.push({
        kind: "split",
        members: [first.member],
        message: `${first.member} leads on points but was put first by only ${first.firstPlaces} of the ballots that ranked it.`,
      });
    }
  }
  return flags;
}
