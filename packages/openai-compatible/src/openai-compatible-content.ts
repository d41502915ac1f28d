import type { ToolCallPart } from "@trama/core";
import { type CallContext, toolCallFromJSON } from "@trama/provider";
import type { OpenAIResponseContent } from "./openai-compatible-api-types.js";

/** Text and reasoning of a message or delta: `content` (a string, or Mistral's chunk array) and the reasoning field. */
export function splitContent(value: {
  content?: OpenAIResponseContent;
  reasoning_content?: string | null;
  reasoning?: string | null;
}): { text: string; reasoning: string } {
  let text = "";
  let reasoning = value.reasoning_content || value.reasoning || "";
  const content = value.content;
  if (typeof content === "string") text = content;
  else if (Array.isArray(content)) {
    for (const chunk of content) {
      if (chunk.type === "thinking") reasoning += thinkingText(chunk.thinking);
      else if (typeof chunk.text === "string") text += chunk.text;
    }
  }
  return { text, reasoning };
}

function thinkingText(thinking: Array<{ text?: string }> | string | undefined): string {
  if (typeof thinking === "string") return thinking;
  return (thinking ?? []).map((part) => part.text ?? "").join("");
}

/**
 * A complete tool call with its arguments parsed. Empty arguments are `{}`; arguments that are not a JSON object are
 * a `ProviderError` quoting them.
 */
export function toolCallPart(
  call: { id: string; name: string; arguments: string | object | undefined },
  url: string,
  context: CallContext,
): ToolCallPart {
  if (typeof call.arguments === "object") {
    return {
      type: "tool-call",
      id: call.id,
      name: call.name,
      arguments: call.arguments as Record<string, unknown>,
      rawArguments: JSON.stringify(call.arguments),
    };
  }
  return toolCallFromJSON({ id: call.id, name: call.name, arguments: call.arguments ?? "" }, url, context);
}
