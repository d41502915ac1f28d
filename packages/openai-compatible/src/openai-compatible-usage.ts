import type { Usage } from "@trama/provider";
import type { LlamaCppTimings, OpenAIUsage } from "./openai-compatible-api-types.js";

/**
 * Token counts from a `usage` object: OpenAI's reasoning and cached tokens, DeepSeek's `prompt_cache_hit_tokens`,
 * OpenRouter's `cost`. Without `usage`, llama.cpp's `timings` give the input and output counts. Absent counts stay
 * absent rather than zero.
 */
export function convertOpenAICompatibleUsage(usage: OpenAIUsage | null | undefined, timings?: LlamaCppTimings): Usage {
  if (!usage) {
    if (!timings) return {};
    return defined({
      inputTokens: timings.prompt_n,
      outputTokens: timings.predicted_n,
      totalTokens: sum(timings.prompt_n, timings.predicted_n),
    });
  }
  return defined({
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens ?? sum(usage.prompt_tokens, usage.completion_tokens),
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens,
    cost: usage.cost,
  });
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

function defined(usage: Usage): Usage {
  return Object.fromEntries(
    Object.entries(usage).filter(([, value]) => typeof value === "number" && Number.isFinite(value)),
  ) as Usage;
}
