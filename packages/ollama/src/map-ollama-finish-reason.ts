import type { FinishReason } from "@trama/provider";

/**
 * Maps Ollama's `done_reason` to a `FinishReason`, keeping the raw value.
 *
 * - `stop` is `tool-calls` when the message carries tool calls (Ollama reports no reason of its own for them),
 *   `stop` otherwise;
 * - `length` (the `num_predict` limit or the context was reached) is `length`;
 * - a missing reason (older servers send none on a normal end) is `stop`, or `tool-calls` with tool calls;
 * - `load` and `unload` (an empty chat that only loaded or unloaded the model) and anything new are `other`.
 */
export function mapOllamaFinishReason(doneReason: string | undefined, hasToolCalls: boolean): FinishReason {
  const raw = doneReason || undefined;
  switch (raw) {
    case undefined:
    case "stop":
      return { unified: hasToolCalls ? "tool-calls" : "stop", raw };
    case "length":
      return { unified: "length", raw };
    default:
      return { unified: "other", raw };
  }
}
