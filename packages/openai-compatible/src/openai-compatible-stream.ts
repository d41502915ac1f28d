import { randomUUID } from "node:crypto";
import type { CallContext, ChatResponse, ChatStreamPart, FinishReason, Usage, Warning } from "@trama/provider";
import { mapOpenAICompatibleFinishReason } from "./map-openai-compatible-finish-reason.js";
import type { LlamaCppTimings, OpenAIChatChunk, OpenAIUsage } from "./openai-compatible-api-types.js";
import { splitContent, toolCallPart } from "./openai-compatible-content.js";
import { errorFromObject, errorIn } from "./openai-compatible-error.js";
import { convertOpenAICompatibleUsage } from "./openai-compatible-usage.js";

type ToolCallDelta = NonNullable<
  NonNullable<NonNullable<OpenAIChatChunk["choices"]>[number]["delta"]>["tool_calls"]
>[number];

/** The parts a whole response amounts to (a server that answers a stream request with a JSON body). */
export function partsOf(whole: ChatResponse): ChatStreamPart[] {
  const { id, model } = whole.response ?? {};
  const parts: ChatStreamPart[] = [{ type: "response-metadata", ...(id ? { id } : {}), ...(model ? { model } : {}) }];
  for (const part of whole.message.content) {
    if (part.type === "reasoning") parts.push({ type: "reasoning-delta", text: part.text });
    if (part.type === "text") parts.push({ type: "text-delta", text: part.text });
  }
  whole.message.toolCalls.forEach((call, index) => {
    parts.push({
      type: "tool-call-delta",
      index,
      id: call.id,
      name: call.name,
      argumentsDelta: call.rawArguments ?? "",
    });
  });
  for (const call of whole.message.toolCalls) parts.push({ type: "tool-call", call });
  parts.push({ type: "finish", finishReason: whole.finishReason, usage: whole.usage, warnings: whole.warnings });
  return parts;
}

/**
 * What a stream has said so far, and the parts each chunk adds. Tool-call argument fragments are assembled per
 * `index`; each complete call comes once `finish_reason` arrives; `finish` comes last, after the usage chunk, at
 * `[DONE]` (or at the end of a stream that had a `finish_reason`). A stream that ends before any `finish_reason` is a
 * retryable `ProviderError`; a malformed chunk or an error chunk is a `ProviderError` too. Keep-alive comments are
 * skipped by the SSE reader.
 */
export class OpenAICompatibleStreamState {
  readonly #calls = new Map<number, { id: string; name: string; arguments: string }>();
  #lastIndex: number | undefined;
  #metadataSent = false;
  #callsSent = false;
  #finishRaw: string | undefined;
  #usage: OpenAIUsage | undefined;
  #timings: LlamaCppTimings | undefined;
  sawFinishReason = false;

  constructor(
    readonly url: string,
    readonly context: CallContext,
  ) {}

  read(chunk: OpenAIChatChunk): ChatStreamPart[] {
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    const error = errorIn(chunk) ?? (choice ? errorIn(choice) : undefined);
    if (error) throw errorFromObject(error, "stream", this.url, this.context);
    const parts: ChatStreamPart[] = [];
    if (!this.#metadataSent && (chunk.id || chunk.model)) {
      this.#metadataSent = true;
      parts.push({
        type: "response-metadata",
        ...(chunk.id ? { id: chunk.id } : {}),
        ...(chunk.model ? { model: chunk.model } : {}),
      });
    }
    this.#usage = chunk.usage ?? chunk.x_groq?.usage ?? this.#usage;
    this.#timings = chunk.timings ?? this.#timings;
    if (!choice) return parts;
    if (choice.delta) {
      const { text, reasoning } = splitContent(choice.delta);
      if (reasoning) parts.push({ type: "reasoning-delta", text: reasoning });
      if (text) parts.push({ type: "text-delta", text });
      for (const [position, delta] of (choice.delta.tool_calls ?? []).entries()) {
        parts.push(this.#toolCallDelta(delta, position));
      }
    }
    if (choice.finish_reason) {
      if (choice.finish_reason === "error") {
        throw errorFromObject(
          { message: "the model stopped with finish_reason 'error'." },
          "stream",
          this.url,
          this.context,
        );
      }
      this.sawFinishReason = true;
      this.#finishRaw = choice.finish_reason;
      parts.push(...this.#completedCalls());
    }
    return parts;
  }

  finish(warnings: Warning[]): ChatStreamPart[] {
    const parts = this.#completedCalls();
    const finishReason: FinishReason = mapOpenAICompatibleFinishReason(this.#finishRaw, {
      hasToolCalls: this.#calls.size > 0,
    });
    const usage: Usage = convertOpenAICompatibleUsage(this.#usage, this.#timings);
    parts.push({ type: "finish", finishReason, usage, warnings });
    return parts;
  }

  #toolCallDelta(delta: ToolCallDelta, position: number): ChatStreamPart {
    const index =
      delta.index ?? this.#indexOf(delta.id) ?? (delta.id ? this.#calls.size : (this.#lastIndex ?? position));
    this.#lastIndex = index;
    const fragment = delta.function?.arguments ?? "";
    const known = this.#calls.get(index);
    if (known) {
      known.arguments += fragment;
      if (!known.name && delta.function?.name) known.name = delta.function.name;
      return { type: "tool-call-delta", index, argumentsDelta: fragment };
    }
    const call = { id: delta.id || `call_${randomUUID()}`, name: delta.function?.name ?? "", arguments: fragment };
    this.#calls.set(index, call);
    return { type: "tool-call-delta", index, id: call.id, name: call.name, argumentsDelta: fragment };
  }

  #indexOf(id: string | null | undefined): number | undefined {
    if (!id) return undefined;
    for (const [index, call] of this.#calls) if (call.id === id) return index;
    return undefined;
  }

  #completedCalls(): ChatStreamPart[] {
    if (this.#callsSent) return [];
    this.#callsSent = true;
    return [...this.#calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({ type: "tool-call", call: toolCallPart(call, this.url, this.context) }));
  }
}
