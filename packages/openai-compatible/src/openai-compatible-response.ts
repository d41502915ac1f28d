import { randomUUID } from "node:crypto";
import { ChatMessage, type ContentPart } from "@trama/core";
import { type CallContext, type ChatResponse, excerpt, ProviderError, type Warning } from "@trama/provider";
import { mapOpenAICompatibleFinishReason } from "./map-openai-compatible-finish-reason.js";
import type { OpenAIChatResponse } from "./openai-compatible-api-types.js";
import { splitContent, toolCallPart } from "./openai-compatible-content.js";
import { errorFromObject, errorIn } from "./openai-compatible-error.js";
import { convertOpenAICompatibleUsage } from "./openai-compatible-usage.js";

/**
 * A non-streaming response as a `ChatResponse`: one assistant message with reasoning, text and tool calls, in that
 * order. An error object in the 200 body (OpenRouter) is a `ProviderError`.
 */
export function convertOpenAICompatibleResponse(
  json: unknown,
  response: Response,
  warnings: Warning[],
  url: string,
  context: CallContext,
): ChatResponse {
  const body = (json ?? {}) as OpenAIChatResponse;
  const choice = body.choices?.[0];
  const error = errorIn(body) ?? (choice ? errorIn(choice) : undefined);
  if (error) throw errorFromObject(error, "body", url, context);
  if (!choice?.message) {
    throw new ProviderError({
      ...context,
      url,
      message: `returned a response without a message: ${excerpt(JSON.stringify(json))}`,
      responseBody: JSON.stringify(json),
      isRetryable: false,
    });
  }
  const { text, reasoning } = splitContent(choice.message);
  const toolCalls = (choice.message.tool_calls ?? []).map((call) =>
    toolCallPart(
      { id: call.id || `call_${randomUUID()}`, name: call.function?.name ?? "", arguments: call.function?.arguments },
      url,
      context,
    ),
  );
  const content: ContentPart[] = [];
  if (reasoning) content.push({ type: "reasoning", text: reasoning });
  if (text) content.push({ type: "text", text });
  content.push(...toolCalls);
  const finishReason = mapOpenAICompatibleFinishReason(choice.finish_reason, { hasToolCalls: toolCalls.length > 0 });
  const usage = convertOpenAICompatibleUsage(body.usage, body.timings);
  const model = body.model ?? context.modelId;
  const message = ChatMessage.assistant(content, {
    meta: {
      provider: context.provider,
      model,
      finishReason: finishReason.unified,
      usage,
      ...(body.timings ? { timings: body.timings } : {}),
    },
  });
  return {
    message,
    finishReason,
    usage,
    warnings,
    response: {
      ...(body.id ? { id: body.id } : {}),
      model,
      headers: Object.fromEntries(response.headers),
    },
  };
}
