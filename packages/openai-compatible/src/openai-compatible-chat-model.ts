import {
  type CallContext,
  type ChatModelV1,
  type ChatRequest,
  type ChatResponse,
  type ChatStreamPart,
  postJson,
  readJson,
} from "@trama/models";
import { buildOpenAICompatibleRequestBody } from "./openai-compatible-request-body.js";
import { convertOpenAICompatibleResponse } from "./openai-compatible-response.js";
import {
  connectionConfig,
  normalizeBaseURL,
  type OpenAICompatibleChatModelOptions,
  requestHeaders,
} from "./openai-compatible-settings.js";
import { streamOpenAICompatibleParts } from "./openai-compatible-stream.js";

/**
 * A chat model behind an OpenAI-compatible `POST /chat/completions`: OpenAI, OpenRouter, DeepSeek, Mistral, Groq,
 * Together, vLLM, LM Studio, llama.cpp server, Ollama's `/v1`, and any other server speaking the protocol. The
 * presets (`openai(…)`, `openrouter(…)`, …) fill in base URLs, keys and quirks; this class takes them explicitly.
 *
 * It translates and classifies only: retries, time limits and concurrency belong to the caller (`generateChat`).
 */
export class OpenAICompatibleChatModel implements ChatModelV1 {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly modelId: string;
  readonly endpoint: string;
  readonly #options: OpenAICompatibleChatModelOptions;

  constructor(options: OpenAICompatibleChatModelOptions) {
    this.#options = { ...options, baseURL: normalizeBaseURL(options.baseURL) };
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.endpoint = this.#options.baseURL;
  }

  /** The URL chat requests go to. */
  get url(): string {
    return `${this.#options.baseURL}/chat/completions`;
  }

  async doGenerate(request: ChatRequest): Promise<ChatResponse> {
    const { body, warnings } = buildOpenAICompatibleRequestBody(this.#options, request, false);
    const context = this.#context();
    const response = await postJson(this.url, body, {
      headers: requestHeaders(this.#options, request.headers),
      signal: request.signal,
      context,
    });
    const json = await readJson(response, this.url, context);
    return convertOpenAICompatibleResponse(json, response, warnings, this.url, context);
  }

  async *doStream(request: ChatRequest): AsyncGenerator<ChatStreamPart> {
    const { body, warnings } = buildOpenAICompatibleRequestBody(this.#options, request, true);
    const context = this.#context();
    const response = await postJson(this.url, body, {
      headers: { accept: "text/event-stream", ...requestHeaders(this.#options, request.headers) },
      signal: request.signal,
      context,
    });
    yield* streamOpenAICompatibleParts(response, warnings, this.url, context, request.signal);
  }

  /** The shorthand and options that recreate this model; the API key as its environment variable names. */
  toConfig(): Record<string, unknown> {
    const { supportsStructuredOutput, supportsJsonMode, supportsTopK, maxTokensField, seedField, streamUsage } =
      this.#options;
    const { reasoningField, reasoningEcho, extraBody } = this.#options;
    return connectionConfig(this.#options, {
      supportsStructuredOutput,
      supportsJsonMode,
      supportsTopK,
      maxTokensField,
      seedField,
      streamUsage,
      reasoningField,
      reasoningEcho,
      extraBody,
    });
  }

  #context(): CallContext {
    return { provider: this.provider, modelId: this.modelId, fetch: this.#options.fetch };
  }
}
