import { defineProvider, type ProviderFactory } from "@trama/provider";
import { AnthropicChatModel } from "./anthropic-chat-model.js";
import type { AnthropicOptions } from "./anthropic-config.js";

/**
 * Claude chat models: `anthropic("claude-sonnet-4-5")` (or `anthropic.chat(…)`), the key read from
 * `ANTHROPIC_API_KEY` unless `apiKey` is given.
 */
export const anthropic = defineProvider({
  chat: (modelId: string, options: AnthropicOptions = {}) => new AnthropicChatModel(modelId, options),
});

/** The `anthropic:` shorthand scheme: `anthropic:claude-sonnet-4-5`. */
export const providers: Record<string, ProviderFactory> = { anthropic };
