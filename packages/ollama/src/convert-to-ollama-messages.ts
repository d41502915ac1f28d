import type { ChatMessage, ContentPart, ImagePart } from "@trama/core";
import type { Warning } from "@trama/provider";
import type { OllamaMessage } from "./ollama-api-types.js";

/**
 * Translates Trama messages to `/api/chat` messages.
 *
 * - Text parts are joined into `content`; images go to `images` as base64 (inline data, or `data:` URLs; Ollama
 *   cannot fetch remote URLs, so those are dropped with a warning).
 * - Assistant reasoning goes back as `thinking`; tool calls as `tool_calls` with object arguments and their ids.
 * - Each tool result becomes its own `tool` message with `tool_name` (from the result, or from the call it answers)
 *   and `tool_call_id`.
 */
export function convertToOllamaMessages(messages: readonly ChatMessage[]): {
  messages: OllamaMessage[];
  warnings: Warning[];
} {
  const warnings: Warning[] = [];
  const output: OllamaMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    switch (message.role) {
      case "system":
        output.push({ role: "system", content: joinText(message.content) });
        break;
      case "user":
        output.push({ role: "user", content: joinText(message.content), ...images(message.content, warnings) });
        break;
      case "assistant": {
        const toolCalls = message.toolCalls;
        for (const call of toolCalls) toolNames.set(call.id, call.name);
        const thinking = message.content
          .filter((part) => part.type === "reasoning" && !part.redacted)
          .map((part) => (part.type === "reasoning" ? part.text : ""))
          .join("");
        output.push({
          role: "assistant",
          content: joinText(message.content),
          ...(thinking ? { thinking } : {}),
          ...images(message.content, warnings),
          ...(toolCalls.length
            ? {
                tool_calls: toolCalls.map((call, index) => ({
                  id: call.id,
                  function: { index, name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        });
        break;
      }
      case "tool": {
        const results = message.toolResults;
        for (const result of results) {
          const toolName = result.name ?? toolNames.get(result.callId);
          output.push({
            role: "tool",
            content: result.result,
            ...(toolName ? { tool_name: toolName } : {}),
            tool_call_id: result.callId,
          });
        }
        // A tool message carrying plain text rather than results: pass the text on.
        if (!results.length) output.push({ role: "tool", content: joinText(message.content) });
        break;
      }
    }
  }
  return { messages: output, warnings };
}

function joinText(content: readonly ContentPart[]): string {
  let text = "";
  for (const part of content) if (part.type === "text") text += part.text;
  return text;
}

function images(content: readonly ContentPart[], warnings: Warning[]): { images?: string[] } {
  const found: string[] = [];
  for (const part of content) {
    if (part.type !== "image") continue;
    const data = imageData(part);
    if (data === undefined) {
      warnings.push({
        type: "unsupported",
        feature: "imageUrl",
        details: `Ollama takes images as base64 data; the image at ${part.url} was left out. Download it and pass its data.`,
      });
    } else {
      found.push(data);
    }
  }
  return found.length ? { images: found } : {};
}

function imageData(part: ImagePart): string | undefined {
  if (part.data) return part.data.replace(/^data:[^,]*;base64,/, "");
  const match = part.url?.match(/^data:[^,]*;base64,(.*)$/s);
  return match?.[1];
}
