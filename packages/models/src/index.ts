/**
 * `@trama/models`: the chat and embedding model contracts, shared HTTP/SSE/retry utilities, and the components built
 * on them.
 * @module
 */
export type { ChatModelV1 } from "./chat-model/chat-model-v1.js";
export type { ChatRequest, JSONSchema, ResponseFormat, ToolChoice, ToolDefinition } from "./chat-model/chat-request.js";
export type { ChatResponse, FinishReason, Usage, Warning } from "./chat-model/chat-response.js";
export { type ChatStreamPart, flattenParts } from "./chat-model/chat-stream-part.js";
export { toolCallFromJSON } from "./chat-model/tool-call-from-json.js";
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
export type { EmbeddingModelV1 } from "./embedding-model/embedding-model-v1.js";
export * from "./errors/index.js";
export type { CallOptions } from "./generation/call-options.js";
export { type EmbedProgress, embedMany } from "./generation/embed.js";
export { generateChat, StreamCollector, streamChat } from "./generation/generate-chat.js";
export {
  type CallContext,
  errorFromResponse,
  excerpt,
  getJson,
  isAbort,
  networkError,
  parseJson,
  postJson,
  providerMessage,
  readJson,
  retryAfterMs,
} from "./http/http-call.js";
export { acquireEndpoint, defaultConcurrency, setEndpointConcurrency } from "./http/limiter.js";
export { type RetryOptions, retryDelay, sleep, withRetries } from "./http/retry.js";
export {
  type BodyEnd,
  END_GRACE_MS,
  firstDeltaIndex,
  mapStream,
  readToEnd,
  type StreamMapper,
  stopReading,
} from "./http/stream-batches.js";
export { readEventBatches, readJsonLineBatches } from "./http/streams.js";
export {
  type ProviderFactory,
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
