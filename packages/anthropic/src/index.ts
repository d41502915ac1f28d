/**
 * `@trama/anthropic`: Claude chat models through Anthropic's Messages API, and the `anthropic:` shorthand.
 * @module
 */
export type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicRequestBody,
  AnthropicResponse,
  AnthropicStreamEvent,
  AnthropicUsage,
} from "./anthropic-api.js";
export {
  AnthropicChatModel,
  type AnthropicProviderOptions,
  DEFAULT_ANTHROPIC_MAX_TOKENS,
} from "./anthropic-chat-model.js";
export {
  ANTHROPIC_API_KEY_VARIABLE,
  ANTHROPIC_VERSION,
  type AnthropicOptions,
  DEFAULT_ANTHROPIC_BASE_URL,
} from "./anthropic-config.js";
export { JSON_TOOL_NAME } from "./anthropic-prepare-tools.js";
export { anthropic, providers } from "./anthropic-provider.js";
export { convertAnthropicUsage } from "./anthropic-usage.js";
export { type AnthropicPrompt, convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
export { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";
