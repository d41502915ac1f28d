import type { ChatRequest } from "./chat-request.js";
import type { ChatResponse } from "./chat-response.js";
import type { ChatStreamPart } from "./chat-stream-part.js";

/**
 * The chat model contract (version 1): the one small interface every provider implements.
 *
 * Providers translate requests and responses and classify failures (`ProviderError.isRetryable`); they do not retry,
 * time out or limit concurrency themselves: `ChatGenerator` and `callWithRetries` do that, once for all providers.
 * The `do` prefix marks these as provider methods, called through a generator rather than directly.
 */
export interface ChatModelV1 {
  readonly specificationVersion: "v1";
  /** Provider name as shown in errors: `openai`, `openrouter`, `ollama`, `anthropic`, `gemini`, `llama.cpp`, … */
  readonly provider: string;
  readonly modelId: string;
  /** Key of the endpoint whose concurrency limit this model shares (a base URL, or a model file). */
  readonly endpoint: string;
  doGenerate(request: ChatRequest): Promise<ChatResponse>;
  /** Streams the response; the iterator ends after the `finish` part, or throws. */
  doStream(request: ChatRequest): AsyncIterable<ChatStreamPart>;
  /** Parameters that recreate the model (shorthand and options), for saving pipelines; no secrets. */
  toConfig?(): Record<string, unknown>;
}
