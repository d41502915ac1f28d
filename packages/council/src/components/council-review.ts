import { defineComponent, t } from "@trama/core";
import { parseBallot } from "../ballot/parse-ballot.js";
import type { CouncilTurn } from "../council-config.js";
import type { CouncilErrorInfo, LabelAssignment, ParsedBallot } from "../council-result.js";
import type { CallDefaults, NamedModel } from "../council-setup.js";
import { assignLabels } from "../labels/label-map.js";
import { callMember, emitEvent, type MemberReply } from "../members/call-member.js";
import { conversation, newFence, reviewPrompt, visibleText } from "../prompts/council-prompts.js";
import type { AnswerOutcome } from "./council-answer.js";

/** Parameters of `CouncilReview`: the reviewing member, the run's seed, and how its call is made. */
export interface CouncilReviewParams {
  member: NamedModel;
  seed: number;
  call: CallDefaults;
  timeoutMs: number;
  concurrency?: Record<string, number>;
}

/** One member's stage-2 outcome: its review and ballot, or why it has none. */
export type ReviewOutcome = { reviewer: string; model: string; labels: LabelAssignment[] } & (
  | { ok: true; reply: MemberReply; ballot: ParsedBallot; rankedMembers: string[] }
  | { ok: false; error: CouncilErrorInfo }
);

/**
 * Stage 2 for one member: shows it every answer under its own seeded shuffle of the labels, fenced as data, and
 * parses the ranking that ends its review. A member without an answer of its own does not review, and nothing is
 * reviewed when fewer than two members answered.
 */
export const CouncilReview = defineComponent({
  type: "council.Review",
  inputs: { question: t.string, history: t.list(t.any).default([]), answers: t.list(t.any) },
  outputs: { reviews: t.list(t.any) },
  run: async ({ question, history, answers }, { params }: { params: CouncilReviewParams }, context) => {
    const answered = (answers as AnswerOutcome[]).filter((answer) => answer.ok);
    const reviewer = params.member;
    if (answered.length < 2 || !answered.some((answer) => answer.member === reviewer.name)) return { reviews: [] };
    const labels = assignLabels({
      members: answered.map((answer) => answer.member),
      reviewer: reviewer.name,
      seed: params.seed,
    });
    const textOf = new Map(answered.map((answer) => [answer.member, answer.ok ? visibleText(answer.reply.text) : ""]));
    const prompt = reviewPrompt({
      question,
      history: history as CouncilTurn[],
      answers: labels.map(({ label, member }) => ({ label, text: textOf.get(member) ?? "" })),
      fence: newFence(),
    });
    const outcome = await callMember({
      spec: reviewer,
      stage: "review",
      messages: conversation([], prompt),
      call: params.call,
      timeoutMs: params.timeoutMs,
      concurrency: params.concurrency ?? {},
      context,
    });
    const base = { reviewer: reviewer.name, model: reviewer.model, labels };
    if (!outcome.ok) return { reviews: [{ ...base, ok: false, error: outcome.error } satisfies ReviewOutcome] };
    const ballot = parseBallot(
      outcome.reply.text,
      labels.map((assignment) => assignment.label),
    );
    const memberOf = new Map(labels.map(({ label, member }) => [label, member]));
    const rankedMembers = ballot.ranking.map((label) => memberOf.get(label)!);
    emitEvent(context, { type: "ballot-parsed", reviewer: reviewer.name, labels, ballot, rankedMembers });
    const review: ReviewOutcome = { ...base, ok: true, reply: outcome.reply, ballot, rankedMembers };
    return { reviews: [review] };
  },
});
