import { type Secret, SecretMissingError } from "@trama/core";

/** Where a server departs from OpenAI's chat completions API. Presets set these; options can override them. */
export interface OpenAICompatibleQuirks {
  /** `response_format: { type: "json_schema" }` is accepted. Default true. */
  supportsStructuredOutput?: boolean;
  /** `response_format: { type: "json_object" }` is accepted. Default true. */
  supportsJsonMode?: boolean;
  /** `top_k` is accepted (vLLM, llama.cpp, LM Studio, OpenRouter, Together). Default false: `topK` becomes a warning. */
  supportsTopK?: boolean;
  /** Name of the output token limit: OpenAI's `max_completion_tokens`, or `max_tokens` (default) everywhere else. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  /** Name of the sampling seed: `seed` (default), or Mistral's `random_seed`. */
  seedField?: "seed" | "random_seed";
  /** Send `stream_options: { include_usage: true }` when streaming. Default true. */
  streamUsage?: boolean;
  /**
   * Assistant-message field that carries earlier reasoning back to the server (`reasoning_content` for DeepSeek).
   * Unset: reasoning parts are not sent back.
   */
  reasoningField?: string;
  /**
   * Which assistant messages carry their reasoning back: `all`, or only those of turns that called tools
   * (`tool-turns`, DeepSeek's thinking mode, which requires them there and ignores them elsewhere). Default `all`.
   */
  reasoningEcho?: "all" | "tool-turns";
}

/** How to reach an OpenAI-compatible server: shared by the chat and the embedding model. */
export interface OpenAICompatibleConnection {
  /** Provider name as shown in errors: `openai`, `openrouter`, `vllm`, … */
  provider: string;
  /** Base URL up to the API version, such as `https://api.openai.com/v1`; `/chat/completions` is appended. */
  baseURL: string;
  modelId: string;
  /** Sent as `Authorization: Bearer …`; a strict secret whose variables are unset fails the first call. */
  apiKey?: Secret;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Replaces the global `fetch` (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** What `toConfig()` returns; the factories give the shorthand and options that recreate the model. */
  config?: () => Record<string, unknown>;
}

/** Options of `OpenAICompatibleChatModel`. */
export interface OpenAICompatibleChatModelOptions extends OpenAICompatibleConnection, OpenAICompatibleQuirks {
  /** Fields merged into every request body (after Trama's own, before `providerOptions`). */
  extraBody?: Record<string, unknown>;
}

/** The base URL without trailing slashes. */
export function normalizeBaseURL(baseURL: string): string {
  return baseURL.replace(/\/+$/, "");
}

/**
 * The headers of one request: the API key (unless an `Authorization` header is given), the connection's headers,
 * then the request's. A missing key fails here, with a message naming the provider, the model and the variable.
 */
export function requestHeaders(
  connection: OpenAICompatibleConnection,
  extra: Record<string, string> | undefined,
): Record<string, string> {
  const headers = { ...connection.headers, ...extra };
  if (Object.keys(headers).some((name) => name.toLowerCase() === "authorization")) return headers;
  let key: string | undefined;
  try {
    key = connection.apiKey?.resolve();
  } catch (error) {
    if (!SecretMissingError.isInstance(error)) throw error;
    throw new SecretMissingError(`${connection.provider} (${connection.modelId}): no API key. ${error.message}`, {
      cause: error,
    });
  }
  return { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers };
}

/** `config` as given, or the generic shorthand with the connection's serializable settings. */
export function connectionConfig(
  connection: OpenAICompatibleConnection,
  settings: Record<string, unknown>,
): Record<string, unknown> {
  if (connection.config) return connection.config();
  const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  return {
    model: `openai-compatible:${connection.baseURL}#${connection.modelId}`,
    provider: connection.provider,
    ...(connection.apiKey ? { apiKey: connection.apiKey.toJSON() } : {}),
    ...(connection.headers ? { headers: connection.headers } : {}),
    ...defined,
  };
}
