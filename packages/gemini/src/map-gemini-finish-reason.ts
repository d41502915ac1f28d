import type { FinishReason } from "@trama/provider";

/**
 * Maps Gemini's `finishReason` to the unified finish reason, keeping the raw value: `STOP` is `stop`, or
 * `tool-calls` when the turn called functions; `MAX_TOKENS` is `length`; the safety stops (`SAFETY`, `RECITATION`,
 * `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`, …) are `content-filter`; failed function calling
 * (`MALFORMED_FUNCTION_CALL`, `UNEXPECTED_TOOL_CALL`, `TOO_MANY_TOOL_CALLS`) is `error`; the rest is `other`.
 */
export function mapGeminiFinishReason(
  finishReason: string | undefined,
  options: { hasToolCalls: boolean },
): FinishReason {
  const raw = finishReason;
  switch (finishReason) {
    case "STOP":
      return { unified: options.hasToolCalls ? "tool-calls" : "stop", raw };
    case "MAX_TOKENS":
      return { unified: "length", raw };
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
    case "IMAGE_RECITATION":
      return { unified: "content-filter", raw };
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
    case "TOO_MANY_TOOL_CALLS":
      return { unified: "error", raw };
    default:
      return { unified: "other", raw };
  }
}
