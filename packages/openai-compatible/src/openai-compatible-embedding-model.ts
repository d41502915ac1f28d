import { type CallContext, type EmbeddingModelV1, excerpt, ProviderError, postJson, readJson } from "@trama/provider";
import type { OpenAIEmbeddingResponse } from "./openai-compatible-api-types.js";
import { errorFromObject, errorIn } from "./openai-compatible-error.js";
import {
  connectionConfig,
  normalizeBaseURL,
  type OpenAICompatibleConnection,
  requestHeaders,
} from "./openai-compatible-settings.js";

/** Options of `OpenAICompatibleEmbeddingModel`. */
export interface OpenAICompatibleEmbeddingModelOptions extends OpenAICompatibleConnection {
  /** Texts per request. Default 2048 (OpenAI's limit); local servers take fewer. */
  maxBatchSize?: number;
  /** Output dimensions, for models that can shorten their vectors (`text-embedding-3-*`). */
  dimensions?: number;
  /** Fields merged into every request body. */
  extraBody?: Record<string, unknown>;
}

/**
 * An embedding model behind an OpenAI-compatible `POST /embeddings`. Embeddings come back in input order, whatever
 * order the server lists them in (each carries its `index`); base64-encoded vectors are decoded.
 */
export class OpenAICompatibleEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly modelId: string;
  readonly endpoint: string;
  readonly maxBatchSize: number;
  readonly #options: OpenAICompatibleEmbeddingModelOptions;

  constructor(modelId: string, options: Omit<OpenAICompatibleEmbeddingModelOptions, "modelId">) {
    this.#options = { ...options, modelId, baseURL: normalizeBaseURL(options.baseURL) };
    this.provider = options.provider;
    this.modelId = modelId;
    this.endpoint = this.#options.baseURL;
    this.maxBatchSize = options.maxBatchSize ?? 2048;
  }

  /** The URL embedding requests go to. */
  get url(): string {
    return `${this.#options.baseURL}/embeddings`;
  }

  async doEmbed(request: { values: readonly string[]; signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage?: { inputTokens?: number };
  }> {
    const context: CallContext = { provider: this.provider, modelId: this.modelId, fetch: this.#options.fetch };
    const body = {
      model: this.modelId,
      input: request.values,
      encoding_format: "float",
      ...(this.#options.dimensions === undefined ? {} : { dimensions: this.#options.dimensions }),
      ...this.#options.extraBody,
    };
    const response = await postJson(this.url, body, {
      headers: requestHeaders(this.#options, undefined),
      signal: request.signal,
      context,
    });
    const json = ((await readJson(response, this.url, context)) ?? {}) as OpenAIEmbeddingResponse;
    const error = errorIn(json);
    if (error) throw errorFromObject(error, "body", this.url, context);
    const embeddings = inInputOrder(json.data ?? []);
    if (embeddings.length !== request.values.length) {
      throw new ProviderError({
        ...context,
        url: this.url,
        message: `returned ${embeddings.length} embeddings for ${request.values.length} inputs: ${excerpt(JSON.stringify(json), 200)}`,
        isRetryable: false,
      });
    }
    const inputTokens = json.usage?.prompt_tokens;
    return { embeddings, ...(inputTokens === undefined ? {} : { usage: { inputTokens } }) };
  }

  /** The shorthand and options that recreate this model; the API key as its environment variable names. */
  toConfig(): Record<string, unknown> {
    const { maxBatchSize, dimensions, extraBody } = this.#options;
    return connectionConfig(this.#options, { maxBatchSize, dimensions, extraBody });
  }
}

/** The vectors sorted by `index` (list order where it is missing), base64 decoded to floats. */
function inInputOrder(data: NonNullable<OpenAIEmbeddingResponse["data"]>): number[][] {
  return data
    .map((item, position) => ({ index: item.index ?? position, embedding: item.embedding }))
    .sort((a, b) => a.index - b.index)
    .filter((item) => item.embedding !== undefined)
    .map((item) => (typeof item.embedding === "string" ? decodeBase64Floats(item.embedding) : item.embedding!));
}

function decodeBase64Floats(text: string): number[] {
  const bytes = Uint8Array.from(Buffer.from(text, "base64"));
  return Array.from(new Float32Array(bytes.buffer, 0, Math.floor(bytes.byteLength / 4)));
}
