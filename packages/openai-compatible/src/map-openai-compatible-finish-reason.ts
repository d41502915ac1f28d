import type { FinishReason } from "@trama/provider";

/**
 * Normalizes a `finish_reason`, keeping the raw value. Besides OpenAI's values this knows the ones compatible servers
 * use: `function_call` (legacy), `model_length` (Mistral, older vLLM), `error` (OpenRouter),
 * `insufficient_system_resource` (DeepSeek). A server that says `stop` while returning tool calls (some local
 * servers do) is read as `tool-calls`.
 */
export function mapOpenAICompatibleFinishReason(
  raw: string | null | undefined,
  options: { hasToolCalls?: boolean } = {},
): FinishReason {
  const unified = unifiedReason(raw ?? undefined);
  return {
    unified: unified === "stop" && options.hasToolCalls ? "tool-calls" : unified,
    raw: raw ?? undefined,
  };
}

function unifiedReason(raw: string | undefined): FinishReason["unified"] {
  switch (raw) {
    case "stop":
    case "eos":
    case "end_turn":
      return "stop";
    case "length":
    case "model_length":
    case "max_tokens":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    case "content_filter":
      return "content-filter";
    case "error":
    case "insufficient_system_resource":
      return "error";
    default:
      return "other";
  }
}
