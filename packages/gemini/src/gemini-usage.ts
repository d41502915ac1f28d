import type { Usage } from "@trama/provider";
import type { GeminiUsageMetadata } from "./gemini-api.js";

/**
 * Converts Gemini's `usageMetadata`. `outputTokens` counts thoughts too (`candidatesTokenCount` does not), as other
 * providers count reasoning; `reasoningTokens` is `thoughtsTokenCount`; `cachedInputTokens` is
 * `cachedContentTokenCount`, part of `inputTokens` (`promptTokenCount` plus tool-use prompt tokens).
 */
export function convertGeminiUsage(usage: GeminiUsageMetadata | undefined): Usage {
  if (!usage) return {};
  const prompt = usage.promptTokenCount;
  const inputTokens = prompt === undefined ? undefined : prompt + (usage.toolUsePromptTokenCount ?? 0);
  const candidates = usage.candidatesTokenCount;
  const thoughts = usage.thoughtsTokenCount;
  const outputTokens =
    candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0);
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(thoughts === undefined ? {} : { reasoningTokens: thoughts }),
    ...(usage.cachedContentTokenCount === undefined ? {} : { cachedInputTokens: usage.cachedContentTokenCount }),
    ...(usage.totalTokenCount === undefined ? {} : { totalTokens: usage.totalTokenCount }),
  };
}
