import type { ChatMessage, ContentPart, ImagePart } from "@trama/core";
import type { OpenAIMessage, OpenAIToolCall, OpenAIUserContentPart } from "./openai-compatible-api-types.js";
import type { OpenAICompatibleQuirks } from "./openai-compatible-settings.js";

/**
 * Trama messages to chat completions messages. Text-only content becomes a string (accepted everywhere); user images
 * become `image_url` parts (inline data as a data URL). Assistant tool calls become `tool_calls`, and each tool result
 * its own `tool` message matched by `tool_call_id`. Reasoning goes back only in `reasoningField`, and only where
 * `reasoningEcho` says so; otherwise it is dropped.
 */
export function convertToOpenAICompatibleMessages(
  messages: readonly ChatMessage[],
  quirks: Pick<OpenAICompatibleQuirks, "reasoningField" | "reasoningEcho"> = {},
): OpenAIMessage[] {
  const echo = reasoningEchoes(messages, quirks);
  const result: OpenAIMessage[] = [];
  messages.forEach((message, position) => {
    const name = message.name === undefined ? {} : { name: message.name };
    const results = message.content.filter((part) => part.type === "tool-result");
    for (const part of results) {
      result.push({
        role: "tool",
        tool_call_id: part.callId,
        content: part.isError ? `Error: ${part.result}` : part.result,
      });
    }
    if (message.role === "tool") return;
    const rest = message.content.filter((part) => part.type !== "tool-result");
    if (message.role === "system") {
      result.push({ role: "system", content: textOf(rest), ...name });
    } else if (message.role === "user") {
      if (rest.length || !results.length) result.push({ role: "user", content: userContent(rest), ...name });
    } else {
      const toolCalls = rest.filter((part) => part.type === "tool-call").map(toToolCall);
      const reasoning = rest.flatMap((part) => (part.type === "reasoning" && !part.redacted ? [part.text] : []));
      result.push({
        role: "assistant",
        content: textOf(rest),
        ...name,
        ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        ...(echo[position] && reasoning.length ? { [quirks.reasoningField!]: reasoning.join("") } : {}),
      });
    }
  });
  return result;
}

function textOf(parts: readonly ContentPart[]): string {
  return parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function userContent(parts: readonly ContentPart[]): string | OpenAIUserContentPart[] {
  if (!parts.some((part) => part.type === "image")) return textOf(parts);
  const content: OpenAIUserContentPart[] = [];
  for (const part of parts) {
    if (part.type === "text") content.push({ type: "text", text: part.text });
    else if (part.type === "image") content.push(imagePart(part));
  }
  return content;
}

function imagePart(part: ImagePart): OpenAIUserContentPart {
  const url = part.data === undefined ? (part.url ?? "") : `data:${part.mimeType ?? "image/png"};base64,${part.data}`;
  return { type: "image_url", image_url: { url, ...(part.detail ? { detail: part.detail } : {}) } };
}

function toToolCall(part: Extract<ContentPart, { type: "tool-call" }>): OpenAIToolCall {
  return {
    id: part.id,
    type: "function",
    function: { name: part.name, arguments: part.rawArguments || JSON.stringify(part.arguments ?? {}) },
  };
}

/**
 * For each message, whether its reasoning goes back. `tool-turns`: only assistant messages of a turn (the messages
 * between two user messages) in which the model called tools.
 */
function reasoningEchoes(
  messages: readonly ChatMessage[],
  quirks: Pick<OpenAICompatibleQuirks, "reasoningField" | "reasoningEcho">,
): boolean[] {
  if (!quirks.reasoningField) return messages.map(() => false);
  if ((quirks.reasoningEcho ?? "all") === "all") return messages.map((message) => message.role === "assistant");
  const echoes = messages.map(() => false);
  let turnStart = 0;
  const closeTurn = (end: number) => {
    const span = messages.slice(turnStart, end);
    if (span.some((message) => message.role === "assistant" && message.toolCalls.length)) {
      for (let index = turnStart; index < end; index++) echoes[index] = messages[index]!.role === "assistant";
    }
  };
  messages.forEach((message, index) => {
    if (message.role !== "user") return;
    closeTurn(index);
    turnStart = index + 1;
  });
  closeTurn(messages.length);
  return echoes;
}
