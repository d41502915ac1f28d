/**
 * `@trama/models`: the components built on the model contracts (`ChatGenerator`, `Agent`, embedders, tools) and model
 * shorthands. The contracts and the shared HTTP layer live in `@trama/provider` and are re-exported here.
 * @module
 */
export * from "@trama/provider";
export { Agent, type AgentParams, type StopReason } from "./components/agent.js";
export { ChatGenerator, type ChatGeneratorParams, type ChatStream } from "./components/chat-generator.js";
export {
  DocumentEmbedder,
  type DocumentEmbedderParams,
  type EmbedderParams,
  TextEmbedder,
} from "./components/embedders.js";
export { AllGeneratorsFailedError, FallbackChatGenerator } from "./components/fallback-chat-generator.js";
export type { CallSettings, GenerationSettings } from "./components/generation-settings.js";
export { ToolInvoker } from "./components/tool-invoker.js";
export { components } from "./components.js";
export type { CallOptions } from "./generation/call-options.js";
export { type EmbedProgress, embedMany } from "./generation/embed.js";
export { generateChat, StreamCollector, streamChat } from "./generation/generate-chat.js";
export {
  parseShorthand,
  registerProvider,
  resolveChatModel,
  resolveEmbeddingModel,
} from "./providers/registry.js";
export {
  defineTool,
  invokeToolCalls,
  type Tool,
  type ToolContext,
  toolDefinitions,
  toolNames,
  toolsFromConfig,
} from "./tools/tool.js";
