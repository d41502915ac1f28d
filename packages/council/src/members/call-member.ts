/**
 * One model call of a council stage, streamed: `member-start`, a `member-delta` per network read, then `member-end`
 * with usage and latency, or `member-error` with the real cause. A failure is returned, not thrown, so that the
 * council goes on without the member; a cancellation is thrown, so that the run stops.
 * @module
 */
import type { ChatMessage, RunContext, StreamChunk } from "@trama/core";
import { ProviderError } from "@trama/models";
import type { CouncilEvent } from "../council-events.js";
import type { CallStats, CouncilErrorInfo, CouncilStage, Usage } from "../council-result.js";
import type { CallDefaults, NamedModel } from "../council-setup.js";
import { memberGenerator } from "./member-models.js";

/** A reply, with what it cost. */
export interface MemberReply extends CallStats {
  text: string;
  reasoning?: string;
}

/** What a call gave: the reply, or the failure with its cause. */
export type MemberOutcome = { ok: true; reply: MemberReply } | { ok: false; error: CouncilErrorInfo };

/** Sends a council event to the run's stream. */
export function emitEvent(context: Pick<RunContext, "emit">, event: CouncilEvent): void {
  context.emit(event as unknown as StreamChunk);
}

/** Calls `spec`'s model with `messages`, streaming its tokens as events of `stage`. */
export async function callMember(options: {
  spec: NamedModel;
  stage: CouncilStage;
  messages: readonly ChatMessage[];
  call: CallDefaults;
  timeoutMs: number;
  concurrency: Readonly<Record<string, number>>;
  context: RunContext;
}): Promise<MemberOutcome> {
  const { spec, stage, context } = options;
  const started = performance.now();
  emitEvent(context, { type: "member-start", stage, member: spec.name, model: spec.model });
  let firstTokenMs: number | undefined;
  try {
    const { generator } = await memberGenerator(options);
    const batches = generator.streamBatches(options.messages, { signal: context.signal });
    let drained = false;
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        const response = next.value;
        const reply: MemberReply = {
          text: textOf(response.message),
          ...reasoningOf(response.message),
          usage: plainUsage(response.usage),
          latencyMs: Math.round(performance.now() - started),
          ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
          finishReason: response.finishReason.unified,
        };
        emitEvent(context, { type: "member-end", stage, member: spec.name, model: spec.model, ...reply });
        return { ok: true, reply };
      }
      let text = "";
      let reasoning = "";
      for (const part of next.value) {
        if (part.type === "text-delta") text += part.text;
        else if (part.type === "reasoning-delta") reasoning += part.text;
      }
      if (reasoning)
        emitEvent(context, { type: "member-delta", stage, member: spec.name, text: reasoning, reasoning: true });
      if (text) {
        firstTokenMs ??= Math.round(performance.now() - started);
        emitEvent(context, { type: "member-delta", stage, member: spec.name, text });
      }
      // Let the first token reach the consumer before the provider parses more (see ChatGenerator.run).
      if (!drained && (text || reasoning)) {
        drained = true;
        await context.drained();
      }
    }
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason ?? error;
    const info = errorInfo(error, { stage, member: spec.name, model: spec.model });
    emitEvent(context, { type: "member-error", stage, member: spec.name, error: info });
    return { ok: false, error: info };
  }
}

/** A failure as plain data, with the error's own message (provider, model, HTTP status, the provider's words). */
export function errorInfo(
  error: unknown,
  where: { stage: CouncilErrorInfo["stage"]; member: string; model: string },
): CouncilErrorInfo {
  const message = error instanceof Error ? error.message : String(error);
  const statusCode = ProviderError.isInstance(error) ? error.statusCode : undefined;
  return {
    ...where,
    message: message || "failed without a message",
    name: error instanceof Error ? error.name : typeof error,
    ...(statusCode === undefined ? {} : { statusCode }),
  };
}

function textOf(message: ChatMessage): string {
  return message.content
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("");
}

function reasoningOf(message: ChatMessage): { reasoning?: string } {
  const reasoning = message.content
    .filter((part) => part.type === "reasoning" && !part.redacted)
    .map((part) => (part.type === "reasoning" ? part.text : ""))
    .join("\n");
  return reasoning ? { reasoning } : {};
}

/** Usage with only the numbers the provider reported, as JSON keeps them. */
function plainUsage(usage: Usage): Usage {
  const plain: Usage = {};
  for (const [key, value] of Object.entries(usage)) {
    if (typeof value === "number" && Number.isFinite(value)) plain[key as keyof Usage] = value;
  }
  return plain;
}
