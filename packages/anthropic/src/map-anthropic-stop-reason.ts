import type { FinishReason } from "@trama/provider";

/**
 * Maps Anthropic's `stop_reason` to the unified finish reason, keeping the raw value: `end_turn` and `stop_sequence`
 * are `stop`; `max_tokens` and `model_context_window_exceeded` are `length`; `tool_use` is `tool-calls` (or `stop`
 * when the tool called is the one that carries structured output); `refusal` is `content-filter`; `pause_turn` (a
 * long server-side turn the caller may continue) and anything new are `other`.
 */
export function mapAnthropicStopReason(
  stopReason: string | null | undefined,
  options: { structuredOutput?: boolean } = {},
): FinishReason {
  const raw = stopReason ?? undefined;
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
      return { unified: "stop", raw };
    case "max_tokens":
    case "model_context_window_exceeded":
      return { unified: "length", raw };
    case "tool_use":
      return { unified: options.structuredOutput ? "stop" : "tool-calls", raw };
    case "refusal":
      return { unified: "content-filter", raw };
    default:
      return { unified: "other", raw };
  }
}
