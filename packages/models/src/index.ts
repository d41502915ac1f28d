/**
 * `@trama/models`: the chat and embedding model contracts, shared HTTP/SSE/retry utilities, and the components built
 * on them.
 * @module
 */
export type { ChatModelV1 } from "./chat-model/chat-model-v1.js";
export type { ChatRequest, JSONSchema, ResponseFormat, ToolChoice, ToolDefinition } from "./chat-model/chat-request.js";
export type { ChatResponse, FinishReason, Usage, Warning } from "./chat-model/chat-response.js";
export type { ChatStreamPart } from "./chat-model/chat-stream-part.js";
export type { EmbeddingModelV1 } from "./embedding-model/embedding-model-v1.js";
export * from "./errors/index.js";
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
export { readEventBatches, readJsonLineBatches } from "./http/streams.js";
export {
  type ProviderFactory,
  parseShorthand,
  registerProvider,
  resolveChatModel,
  resolveEmbeddingModel,
} from "./providers/registry.js";
