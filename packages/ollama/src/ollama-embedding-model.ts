import {
  type CallContext,
  type EmbeddingModelV1,
  ProviderError,
  postJson,
  readJson,
  resolveOllamaBaseURL,
} from "@trama/provider";
import type { OllamaEmbedResponse } from "./ollama-api-types.js";
import { errorFromErrorObject, withPullHint } from "./ollama-errors.js";

/** Options of an Ollama embedding model. */
export interface OllamaEmbeddingModelOptions {
  /** The server; default `OLLAMA_HOST` (the scheme may be missing), else `http://127.0.0.1:11434`. */
  baseURL?: string;
  /** Texts per call; default 64. */
  maxBatchSize?: number;
  /** Cut texts longer than the model's context instead of failing (`truncate`); Ollama's default is true. */
  truncate?: boolean;
  /** Shorten the vectors to this many dimensions, for models trained for it (`dimensions`). */
  dimensions?: number;
  /** How long the model stays loaded after a call (`keep_alive`). */
  keepAlive?: string | number;
  /** Model options (`options`), such as `{ num_ctx: 8192 }`. */
  options?: Record<string, unknown>;
  /** Extra HTTP headers on every call. */
  headers?: Record<string, string>;
  /** Replaces `fetch` (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** An embedding model served by Ollama (`POST /api/embed`, many texts per call). */
export class OllamaEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = "v1";
  readonly provider = "ollama";
  readonly modelId: string;
  readonly baseURL: string;
  readonly endpoint: string;
  readonly maxBatchSize: number;
  readonly #options: OllamaEmbeddingModelOptions;

  constructor(modelId: string, options: OllamaEmbeddingModelOptions = {}) {
    this.modelId = modelId;
    this.#options = options;
    this.baseURL = resolveOllamaBaseURL(options.baseURL);
    this.endpoint = this.baseURL;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 64);
  }

  async doEmbed(request: { values: readonly string[]; signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage?: { inputTokens?: number };
  }> {
    if (!request.values.length) return { embeddings: [], usage: { inputTokens: 0 } };
    const url = `${this.baseURL}/api/embed`;
    const context: CallContext = { provider: this.provider, modelId: this.modelId, fetch: this.#options.fetch };
    const { truncate, dimensions, keepAlive, options } = this.#options;
    const body = {
      model: this.modelId,
      input: [...request.values],
      ...(truncate === undefined ? {} : { truncate }),
      ...(dimensions === undefined ? {} : { dimensions }),
      ...(keepAlive === undefined ? {} : { keep_alive: keepAlive }),
      ...(options ? { options } : {}),
    };
    let response: Response;
    try {
      response = await postJson(url, body, { headers: this.#options.headers, signal: request.signal, context });
    } catch (error) {
      throw withPullHint(error, this.modelId, this.baseURL);
    }
    const json = (await readJson(response, url, context)) as OllamaEmbedResponse;
    if (json && typeof json === "object" && json.error !== undefined) throw errorFromErrorObject(json, url, context);
    const embeddings = json?.embeddings;
    if (!Array.isArray(embeddings) || embeddings.length !== request.values.length) {
      throw new ProviderError({
        ...context,
        url,
        message: `returned ${Array.isArray(embeddings) ? embeddings.length : "no"} embeddings for ${request.values.length} texts.`,
        isRetryable: false,
      });
    }
    return {
      embeddings,
      usage: json.prompt_eval_count === undefined ? {} : { inputTokens: json.prompt_eval_count },
    };
  }

  /** The shorthand and the options given explicitly (headers and `fetch` are left out). */
  toConfig(): Record<string, unknown> {
    const { headers: _headers, fetch: _fetch, ...options } = this.#options;
    return { model: `ollama:${this.modelId}`, ...options };
  }
}
