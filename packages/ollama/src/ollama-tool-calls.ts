import { createHash } from "node:crypto";
import type { ToolCallPart } from "@trama/core";
import { type CallContext, excerpt, ProviderError } from "@trama/provider";
import type { OllamaToolCall } from "./ollama-api-types.js";

/**
 * A Trama tool call from one of Ollama's. Arguments arrive as an object (kept as is, with `rawArguments` its JSON);
 * a string is parsed, and invalid JSON is a `ProviderError`.
 *
 * Older Ollama servers give tool calls no id, so one is made up when missing: `call_` and a hash of the response's
 * timestamp, the call's position, name and arguments. The same response always gives the same ids (in a stream and
 * when replayed), and calls of different responses get different ones.
 */
export function toToolCallPart(
  call: OllamaToolCall,
  position: number,
  responseStamp: string,
  url: string,
  context: CallContext,
): ToolCallPart {
  const name = call.function?.name ?? "";
  const args = toolArguments(call.function?.arguments, name, url, context);
  const rawArguments = JSON.stringify(args);
  const id = call.id || stableToolCallId(responseStamp, position, name, rawArguments);
  return { type: "tool-call", id, name, arguments: args, rawArguments };
}

/** A deterministic id for a tool call that came without one. */
export function stableToolCallId(responseStamp: string, position: number, name: string, rawArguments: string): string {
  const digest = createHash("sha256").update(`${responseStamp}\n${position}\n${name}\n${rawArguments}`).digest("hex");
  return `call_${digest.slice(0, 16)}`;
}

function toolArguments(value: unknown, name: string, url: string, context: CallContext): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === "string") {
    if (!value.trim()) return {};
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch (error) {
      throw invalidArguments(value, name, url, context, error);
    }
  }
  throw invalidArguments(JSON.stringify(value), name, url, context);
}

function invalidArguments(text: string, name: string, url: string, context: CallContext, cause?: unknown) {
  return new ProviderError({
    ...context,
    url,
    message: `called the tool '${name}' with arguments that are not a JSON object: ${excerpt(text)}`,
    isRetryable: false,
    cause,
  });
}
