import {
  type CallContext,
  type ChatModelV1,
  type ChatRequest,
  type ChatResponse,
  type ChatStreamPart,
  mapStream,
  ProviderError,
  parseJson,
  postJson,
  readEventBatches,
  readJson,
} from "@trama/provider";
import type { OpenAIChatChunk } from "./openai-compatible-api-types.js";
import { errorFromObject, errorIn } from "./openai-compatible-error.js";
import { buildOpenAICompatibleRequestBody } from "./openai-compatible-request-body.js";
import { convertOpenAICompatibleResponse } from "./openai-compatible-response.js";
import {
  connectionConfig,
  normalizeBaseURL,
  type OpenAICompatibleChatModelOptions,
  requestHeaders,
} from "./openai-compatible-settings.js";
import { OpenAICompatibleStreamState, partsOf } from "./openai-compatible-stream.js";

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

  constructor(modelId: string, options: Omit<OpenAICompatibleChatModelOptions, "modelId">) {
    this.#options = { ...options, modelId, baseURL: normalizeBaseURL(options.baseURL) };
    this.provider = options.provider;
    this.modelId = modelId;
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

  /**
   * One batch per network read; within the read that brings the stream's first delta, the parts up to it go out
   * first, on their own. After `[DONE]` the body is read to its end (see `readToEnd`).
   */
  async *doStream(request: ChatRequest): AsyncGenerator<ChatStreamPart[]> {
    const { body, warnings } = buildOpenAICompatibleRequestBody(this.#options, request, true);
    const url = this.url;
    const context = this.#context();
    const response = await postJson(url, body, {
      headers: { accept: "text/event-stream", ...requestHeaders(this.#options, request.headers) },
      signal: request.signal,
      context,
    });
    if (/application\/json/i.test(response.headers.get("content-type") ?? "")) {
      // A whole JSON body instead of events: an error in a 200 body, or a server that does not stream.
      const json = await readJson(response, url, context);
      yield partsOf(convertOpenAICompatibleResponse(json, response, warnings, url, context));
      return;
    }
    const state = new OpenAICompatibleStreamState(url, context);
    yield* mapStream(
      readEventBatches(response, url, context),
      {
        read(event, parts) {
          const data = event.data.trim();
          if (data === "[DONE]") {
            parts.push(...state.finish(warnings));
            return true;
          }
          if (!data) return false;
          const chunk = parseJson(data, url, context) as OpenAIChatChunk;
          if (event.event === "error")
            throw errorFromObject(errorIn(chunk) ?? (chunk as object), "stream", url, context);
          parts.push(...state.read(chunk));
          return false;
        },
        bodyEnded() {
          if (!state.sawFinishReason) {
            throw new ProviderError({
              ...context,
              url,
              message: "ended the stream before it finished.",
              isRetryable: true,
            });
          }
          return state.finish(warnings);
        },
      },
      request.signal,
    );
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
