import { defineComponent, t } from "@trama/core";
import type { CouncilTurn } from "../council-config.js";
import type { CallDefaults, NamedModel } from "../council-setup.js";
import { callMember, type MemberOutcome } from "../members/call-member.js";
import { conversation } from "../prompts/council-prompts.js";

/** Parameters of `CouncilAnswer`: one member, and how its call is made. */
export interface CouncilAnswerParams {
  member: NamedModel;
  call: CallDefaults;
  timeoutMs: number;
  /** Calls at once per endpoint, as the council sets them. */
  concurrency?: Record<string, number>;
}

/** One member's stage-1 outcome: its answer, or why it has none. */
export type AnswerOutcome = { member: string; model: string } & MemberOutcome;

/**
 * Stage 1 for one member: asks the question, after the conversation so far, and streams the answer. Outputs a list of
 * one outcome, so that a `ListJoiner` gathers every member's; a member that fails gives an outcome with its error.
 */
export const CouncilAnswer = defineComponent({
  type: "council.Answer",
  inputs: { question: t.string, history: t.list(t.any).default([]) },
  outputs: { answers: t.list(t.any) },
  run: async ({ question, history }, { params }: { params: CouncilAnswerParams }, context) => {
    const outcome = await callMember({
      spec: params.member,
      stage: "answer",
      messages: conversation(history as CouncilTurn[], question),
      call: params.call,
      timeoutMs: params.timeoutMs,
      concurrency: params.concurrency ?? {},
      context,
    });
    const answer: AnswerOutcome = { member: params.member.name, model: params.member.model, ...outcome };
    return { answers: [answer] };
  },
});
