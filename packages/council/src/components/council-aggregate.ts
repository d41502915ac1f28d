import { defineComponent, t } from "@trama/core";
import { aggregateBallots } from "../ballot/aggregate.js";
import { emitEvent } from "../members/call-member.js";
import type { AnswerOutcome } from "./council-answer.js";
import type { ReviewOutcome } from "./council-review.js";

/**
 * Aggregates the reviews' ballots (normalized Borda, self-votes excluded; see `aggregateBallots`). Outputs `null`
 * when fewer than two members answered, since there was nothing to rank.
 */
export const CouncilAggregate = defineComponent({
  type: "council.Aggregate",
  inputs: { answers: t.list(t.any), reviews: t.list(t.any) },
  outputs: { aggregate: t.any },
  run: ({ answers, reviews }, _self, context) => {
    const candidates = (answers as AnswerOutcome[]).filter((answer) => answer.ok).map((answer) => answer.member);
    if (candidates.length < 2) return { aggregate: null };
    const aggregate = aggregateBallots(
      candidates,
      (reviews as ReviewOutcome[]).map((review) =>
        review.ok
          ? {
              reviewer: review.reviewer,
              status: review.ballot.status,
              rankedMembers: review.rankedMembers,
              ...(review.ballot.problem ? { problem: review.ballot.problem } : {}),
            }
          : { reviewer: review.reviewer, status: "failed" as const, problem: review.error.message, rankedMembers: [] },
      ),
    );
    emitEvent(context, { type: "aggregate-ready", aggregate });
    return { aggregate };
  },
});
