import { defineComponent, t } from "@trama/core";
import type { CouncilTurn } from "../council-config.js";
import type { Aggregate, CouncilErrorInfo, FinalAnswer } from "../council-result.js";
import type { CallDefaults, NamedModel } from "../council-setup.js";
import { callMember, emitEvent } from "../members/call-member.js";
import { chairmanPrompt, conversation, newFence, visibleText } from "../prompts/council-prompts.js";
import type { AnswerOutcome } from "./council-answer.js";
import type { ReviewOutcome } from "./council-review.js";

/** Parameters of `CouncilChairman`: the chairman, the members who may take over, and how calls are made. */
export interface CouncilChairmanParams {
  chairman: NamedModel;
  members: NamedModel[];
  call: CallDefaults;
  timeoutMs: number;
  concurrency?: Record<string, number>;
}

/**
 * Stage 3: the chairman gets the question (after the conversation so far), every answer by member, every review
 * with its label map, and the aggregate, and writes the final answer. If it fails, the best-ranked member that
 * answered and has not tried yet takes over, with a `chairman-fallback` event carrying the real error; `final` is
 * `null` when every one of them failed, or nobody answered.
 */
export const CouncilChairman = defineComponent({
  type: "council.Chairman",
  inputs: {
    question: t.string,
    history: t.list(t.any).default([]),
    answers: t.list(t.any),
    reviews: t.list(t.any),
    aggregate: t.any,
  },
  outputs: { final: t.any },
  run: async (inputs, { params }: { params: CouncilChairmanParams }, context) => {
    const aggregate = inputs.aggregate as Aggregate | null;
    const answered = (inputs.answers as AnswerOutcome[]).filter((answer) => answer.ok);
    if (answered.length === 0) return { final: null };
    const ranked = aggregate ? aggregate.rows.map((row) => row.member) : answered.map((answer) => answer.member);
    const byMember = new Map(
      answered.map((answer) => [answer.member, answer.ok ? visibleText(answer.reply.text) : ""]),
    );
    const prompt = chairmanPrompt({
      question: inputs.question,
      answers: ranked.map((member) => ({ member, text: byMember.get(member) ?? "" })),
      reviews: (inputs.reviews as ReviewOutcome[]).flatMap((review) =>
        review.ok ? [{ reviewer: review.reviewer, labels: review.labels, text: review.reply.text }] : [],
      ),
      aggregate: aggregate ?? undefined,
      fence: newFence(),
    });
    const messages = conversation(inputs.history as CouncilTurn[], prompt);
    const candidates = [
      params.chairman,
      ...ranked
        .filter((member) => member !== params.chairman.name)
        .map((member) => params.members.find((spec) => spec.name === member))
        .filter((spec): spec is NamedModel => spec !== undefined),
    ];
    const failures: CouncilErrorInfo[] = [];
    for (const [index, spec] of candidates.entries()) {
      const outcome = await callMember({
        spec,
        stage: "chairman",
        messages,
        call: params.call,
        timeoutMs: params.timeoutMs,
        concurrency: params.concurrency ?? {},
        context,
      });
      if (outcome.ok) {
        const final: FinalAnswer = {
          ...outcome.reply,
          chairman: spec.name,
          model: spec.model,
          role: index === 0 ? "chairman" : "fallback",
          ...(failures.length
            ? { fallbackReason: failures.map((failure) => `${failure.member} failed: ${failure.message}`).join(" ") }
            : {}),
        };
        return { final };
      }
      failures.push(outcome.error);
      const next = candidates[index + 1];
      if (next) emitEvent(context, { type: "chairman-fallback", from: spec.name, error: outcome.error, to: next.name });
    }
    return { final: null };
  },
});
