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
  /**
   * Streams the response as batches of parts: each batch holds the parts that arrived together (typically one
   * network read), in order. Batches keep streaming cheap: consumers pay one asynchronous step per read rather than
   * per token. A provider may yield the first delta alone to get it out sooner. The last batch ends with the
   * `finish` part; errors are thrown. `flattenParts` turns batches into single parts.
   */
  doStream(request: ChatRequest): AsyncIterable<readonly ChatStreamPart[]>;
  /** Parameters that recreate the model (shorthand and options), for saving pipelines; no secrets. */
  toConfig?(): Record<string, unknown>;
}
