import type { ChatMessage, ContentPart, ImagePart } from "@trama/core";
import type {
  AnthropicContentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicTextBlock,
} from "./anthropic-api.js";

/** A conversation in Anthropic's shape. */
export interface AnthropicPrompt {
  /** The text of every system message, in order (Anthropic takes it as the top-level `system` field). */
  system: AnthropicTextBlock[] | undefined;
  messages: AnthropicMessage[];
}

/**
 * Converts Trama messages to the Messages API's: system messages become the top-level `system` field; user and tool
 * messages become `user` messages, consecutive ones merged, so the results of parallel tool calls arrive as one user
 * message of `tool_result` blocks; assistant messages keep their thinking blocks with the signature Anthropic needs
 * back (reasoning without a signature, from other providers, is dropped), their text and their `tool_use` blocks.
 * Empty text parts are left out: the API rejects them.
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const converted: AnthropicMessage[] = [];
  const append = (role: AnthropicMessage["role"], blocks: AnthropicContentBlock[]) => {
    if (!blocks.length) return;
    const last = converted.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else converted.push({ role, content: blocks });
  };

  for (const message of messages) {
    switch (message.role) {
      case "system":
        for (const part of message.content) if (part.type === "text" && part.text) system.push(textBlock(part.text));
        break;
      case "user":
      case "tool":
        append("user", message.content.flatMap(userBlock));
        break;
      case "assistant":
        append("assistant", message.content.flatMap(assistantBlock));
        break;
    }
  }
  return { system: system.length ? system : undefined, messages: converted };
}

function userBlock(part: ContentPart): AnthropicContentBlock[] {
  switch (part.type) {
    case "text":
      return part.text ? [textBlock(part.text)] : [];
    case "image":
      return [imageBlock(part)];
    case "tool-result":
      return [
        {
          type: "tool_result",
          tool_use_id: part.callId,
          content: part.result,
          ...(part.isError ? { is_error: true } : {}),
        },
      ];
    default:
      return [];
  }
}

function assistantBlock(part: ContentPart): AnthropicContentBlock[] {
  switch (part.type) {
    case "reasoning":
      if (!part.signature) return [];
      return part.redacted
        ? [{ type: "redacted_thinking", data: part.signature }]
        : [{ type: "thinking", thinking: part.text, signature: part.signature }];
    case "text":
      return part.text ? [textBlock(part.text)] : [];
    case "tool-call":
      return [{ type: "tool_use", id: part.id, name: part.name, input: part.arguments }];
    default:
      return [];
  }
}

function textBlock(text: string): AnthropicTextBlock {
  return { type: "text", text };
}

/** Inline images need a media type: the part's, else the one their first bytes show. */
function imageBlock(part: ImagePart): AnthropicImageBlock {
  if (part.data !== undefined) {
    const mediaType = part.mimeType ?? sniffImageType(part.data);
    return { type: "image", source: { type: "base64", media_type: mediaType, data: part.data } };
  }
  return { type: "image", source: { type: "url", url: part.url ?? "" } };
}

/** The image type from the first bytes of base64 data; PNG when unknown. */
function sniffImageType(data: string): string {
  if (data.startsWith("/9j/")) return "image/jpeg";
  if (data.startsWith("R0lGOD")) return "image/gif";
  if (data.startsWith("UklGR")) return "image/webp";
  return "image/png";
}
