import { ChatMessage, defineComponent, t } from "@trama/core";
import type { CallDefaults, NamedModel } from "../council-setup.js";
import { emitEvent, errorInfo } from "../members/call-member.js";
import { memberGenerator } from "../members/member-models.js";
import { cleanTitle, newFence, titlePrompt } from "../prompts/council-prompts.js";

/** Parameters of `CouncilTitle`: the title model and how its call is made. */
export interface CouncilTitleParams {
  model: NamedModel;
  call: CallDefaults;
  timeoutMs: number;
  concurrency?: Record<string, number>;
}

/**
 * Names a conversation from its first question in a few words, while the members answer. Optional by nature: a
 * failure is reported as a `member-error` of the `title` stage and the title is left empty, never failing the run.
 */
export const CouncilTitle = defineComponent({
  type: "council.Title",
  inputs: { question: t.string },
  outputs: { title: t.string },
  run: async ({ question }, { params }: { params: CouncilTitleParams }, context) => {
    const { name, model } = params.model;
    const started = performance.now();
    try {
      const { generator } = await memberGenerator({
        spec: params.model,
        call: { ...params.call, maxTokens: Math.min(params.call.maxTokens ?? 32, 32) },
        timeoutMs: params.timeoutMs,
        concurrency: params.concurrency ?? {},
      });
      const response = await generator.generate([ChatMessage.user(titlePrompt(question, newFence()))], {
        signal: context.signal,
      });
      const title = cleanTitle(response.message.text ?? "");
      if (title) {
        const latencyMs = Math.round(performance.now() - started);
        emitEvent(context, {
          type: "title-ready",
          title,
          member: name,
          model,
          usage: { ...response.usage },
          latencyMs,
        });
      }
      return { title };
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason ?? error;
      emitEvent(context, {
        type: "member-error",
        stage: "title",
        member: name,
        error: errorInfo(error, { stage: "title", member: name, model }),
      });
      return { title: "" };
    }
  },
});
