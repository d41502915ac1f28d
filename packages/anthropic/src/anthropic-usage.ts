import type { Usage } from "@trama/provider";
import type { AnthropicUsage } from "./anthropic-api.js";

/**
 * Converts Anthropic's token counts. Anthropic counts cache reads and cache writes apart from `input_tokens`; here
 * `inputTokens` is the whole prompt (all three, as other providers count it) and `cachedInputTokens` the cache reads.
 * `outputTokens` includes thinking tokens; `reasoningTokens` is filled when Anthropic reports them.
 */
export function convertAnthropicUsage(usage: AnthropicUsage | undefined): Usage {
  if (!usage) return {};
  const uncached = usage.input_tokens ?? undefined;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const inputTokens = uncached === undefined ? undefined : uncached + cacheRead + cacheWrite;
  const outputTokens = usage.output_tokens ?? undefined;
  const reasoningTokens = usage.output_tokens_details?.thinking_tokens ?? undefined;
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
    ...(usage.cache_read_input_tokens == null ? {} : { cachedInputTokens: cacheRead }),
    ...(inputTokens === undefined || outputTokens === undefined ? {} : { totalTokens: inputTokens + outputTokens }),
  };
}

/** Stream usage arrives in parts (`message_start`, then cumulative `message_delta`s): later values win. */
export function mergeAnthropicUsage(previous: AnthropicUsage | undefined, next: AnthropicUsage | undefined) {
  if (!next) return previous;
  const merged: AnthropicUsage = { ...previous };
  for (const [key, value] of Object.entries(next) as Array<[keyof AnthropicUsage, never]>) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
