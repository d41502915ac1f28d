import type { ToolCallPart } from "@trama/core";
import { ProviderError } from "../errors/provider-error.js";
import { type CallContext, excerpt } from "../http/http-call.js";

/**
 * A tool call from the JSON text of its arguments, as most providers send them (whole or assembled from stream
 * fragments). Empty text means no arguments; anything but a JSON object is a `ProviderError` naming the tool.
 */
export function toolCallFromJSON(
  call: { id: string; name: string; arguments: string },
  url: string,
  context: CallContext,
): ToolCallPart {
  const raw = call.arguments;
  let parsed: unknown = {};
  let cause: unknown;
  if (raw.trim()) {
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      parsed = undefined;
      cause = error;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ProviderError({
      ...context,
      url,
      message: `returned arguments for the tool '${call.name}' that are not a JSON object: ${excerpt(raw)}`,
      responseBody: raw,
      isRetryable: false,
      cause,
    });
  }
  return {
    type: "tool-call",
    id: call.id,
    name: call.name,
    arguments: parsed as Record<string, unknown>,
    rawArguments: raw,
  };
}
