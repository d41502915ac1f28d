import type { ProviderFactory } from "@trama/models";
import { AnthropicChatModel } from "./anthropic-chat-model.js";
import type { AnthropicOptions } from "./anthropic-config.js";

/**
 * A Claude chat model: `anthropic("claude-sonnet-4-5")`, the key read from `ANTHROPIC_API_KEY` unless `apiKey` is
 * given.
 */
export function anthropic(modelId: string, options: AnthropicOptions = {}): AnthropicChatModel {
  return new AnthropicChatModel(modelId, options);
}

/** The `anthropic:` shorthand scheme, for `resolveChatModel("anthropic:claude-sonnet-4-5")`. */
export const providers: Record<string, ProviderFactory> = {
  anthropic: {
    chat: (modelId, options) => new AnthropicChatModel(modelId, options as AnthropicOptions),
  },
};
