import type { ContentPart, ToolCallPart } from "@trama/core";
import { type CallContext, ProviderError } from "@trama/provider";
import type { GeminiPart, GeminiResponse } from "./gemini-api.js";
import { geminiBodyError } from "./gemini-config.js";

/**
 * The id of a function call. Gemini's own `id` when it sends one; otherwise one made from the response id and the
 * call's position (`call_<responseId>_<n>`): the same for the same response, streamed or not, and distinct across
 * turns. Results go back matched by name and order, so the id only has to be unique in the conversation.
 */
export function toolCallId(call: { id?: string }, responseId: string | undefined, index: number): string {
  if (call.id) return call.id;
  return responseId ? `call_${responseId.replace(/[^A-Za-z0-9_-]/g, "")}_${index}` : `call_${index}`;
}

/** A function call part as a `ToolCallPart`. */
export function toToolCall(part: GeminiPart, responseId: string | undefined, index: number): ToolCallPart {
  const call = part.functionCall!;
  const args = call.args ?? {};
  return {
    type: "tool-call",
    id: toolCallId(call, responseId, index),
    name: call.name,
    arguments: args,
    rawArguments: JSON.stringify(args),
  };
}

/**
 * Throws what a 200 body can still carry: an error object, or a prompt Gemini refused (`promptFeedback.blockReason`,
 * with no candidates), which no retry fixes.
 */
export function throwIfFailed(json: GeminiResponse, url: string, context: CallContext): void {
  if (json.error) throw geminiBodyError(json.error, url, context);
  const blockReason = json.promptFeedback?.blockReason;
  if (blockReason && !json.candidates?.length) {
    const detail = json.promptFeedback?.blockReasonMessage;
    throw new ProviderError({
      ...context,
      url,
      message: `blocked the prompt: ${blockReason}${detail ? ` (${detail})` : ""}.`,
      responseBody: JSON.stringify(json),
      isRetryable: false,
    });
  }
}

/**
 * The content parts of a response's first candidate, in Trama's order: one reasoning part (the thought summaries,
 * with the turn's thought signature), the text, the function calls.
 */
export function toContentParts(json: GeminiResponse): { parts: ContentPart[]; toolCalls: ToolCallPart[] } {
  let thoughts: string | undefined;
  let signature: string | undefined;
  let text: string | undefined;
  const toolCalls: ToolCallPart[] = [];
  for (const part of json.candidates?.[0]?.content?.parts ?? []) {
    if (part.thoughtSignature) signature = part.thoughtSignature;
    if (part.functionCall) toolCalls.push(toToolCall(part, json.responseId, toolCalls.length));
    else if (part.thought && part.text) thoughts = (thoughts ?? "") + part.text;
    else if (part.text !== undefined && !part.thought) text = (text ?? "") + part.text;
  }
  const parts: ContentPart[] = [];
  if (thoughts !== undefined || signature !== undefined) {
    parts.push({ type: "reasoning", text: thoughts ?? "", ...(signature ? { signature } : {}) });
  }
  if (text) parts.push({ type: "text", text });
  return { parts: [...parts, ...toolCalls], toolCalls };
}
