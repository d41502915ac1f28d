/**
 * `@trama/provider`: what provider packages are written against — the chat and embedding model contracts, the
 * provider error, and the shared HTTP, SSE/NDJSON, retry and endpoint-limit layer — without the components. Provider
 * packages depend on this package only, so they never form a cycle with `@trama/models`, which resolves shorthands
 * to them.
 * @module
 */
export type { ChatModelV1 } from "./chat-model/chat-model-v1.js";
export type { ChatRequest, JSONSchema, ResponseFormat, ToolChoice, ToolDefinition } from "./chat-model/chat-request.js";
export type { ChatResponse, FinishReason, Usage, Warning } from "./chat-model/chat-response.js";
export { type ChatStreamPart, flattenParts } from "./chat-model/chat-stream-part.js";
export { toolCallFromJSON } from "./chat-model/tool-call-from-json.js";
export { defineProvider, type ProviderFunction } from "./define-provider.js";
export type { EmbeddingModelV1 } from "./embedding-model/embedding-model-v1.js";
export { defaultOllamaBaseURL, parseOllamaHost, resolveOllamaBaseURL } from "./endpoints/ollama-host.js";
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
export type { ProviderFactory } from "./provider-factory.js";
export { providerNames, providerOptionsFor } from "./provider-options.js";
