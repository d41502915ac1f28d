import { type CallContext, type EmbeddingModelV1, ProviderError, postJson, readJson } from "@trama/provider";
import type { GeminiBatchEmbedRequest, GeminiBatchEmbedResponse } from "./gemini-api.js";
import {
  type GeminiConfig,
  type GeminiOptions,
  geminiHeaders,
  geminiUrl,
  modelPath,
  resolveGeminiConfig,
  withRetryInfo,
} from "./gemini-config.js";

/** Options of Gemini embedding models. */
export interface GeminiEmbeddingOptions extends GeminiOptions {
  /** What the embeddings are for: `RETRIEVAL_QUERY`, `RETRIEVAL_DOCUMENT`, `SEMANTIC_SIMILARITY`, … */
  taskType?: string;
  /** Truncates the embeddings to this many dimensions (models that support it). */
  outputDimensionality?: number;
}

/** The most texts one `batchEmbedContents` call takes. */
export const GEMINI_MAX_EMBEDDING_BATCH = 100;

/** A Gemini embedding model (`gemini-embedding-001`, …) through `POST {baseURL}/models/{model}:batchEmbedContents`. */
export class GeminiEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = "v1" as const;
  readonly provider = "gemini";
  readonly modelId: string;
  readonly endpoint: string;
  readonly maxBatchSize = GEMINI_MAX_EMBEDDING_BATCH;
  readonly #options: GeminiEmbeddingOptions;
  readonly #config: GeminiConfig;

  constructor(modelId: string, options: GeminiEmbeddingOptions = {}) {
    this.modelId = modelId;
    this.#options = options;
    this.#config = resolveGeminiConfig(options);
    this.endpoint = this.#config.baseURL;
  }

  async doEmbed(request: { values: readonly string[]; signal?: AbortSignal }): Promise<{ embeddings: number[][] }> {
    const context: CallContext = { provider: this.provider, modelId: this.modelId, fetch: this.#config.fetch };
    const url = geminiUrl(this.#config, this.modelId, "batchEmbedContents");
    if (request.values.length > this.maxBatchSize) {
      throw new ProviderError({
        ...context,
        url,
        message: `takes at most ${this.maxBatchSize} texts per call, not ${request.values.length}.`,
        isRetryable: false,
      });
    }
    if (!request.values.length) return { embeddings: [] };
    const body: GeminiBatchEmbedRequest = {
      requests: request.values.map((text) => ({
        model: modelPath(this.modelId),
        content: { parts: [{ text }] },
        ...(this.#options.taskType ? { taskType: this.#options.taskType } : {}),
        ...(this.#options.outputDimensionality ? { outputDimensionality: this.#options.outputDimensionality } : {}),
      })),
    };
    const headers = geminiHeaders(this.#config, this);
    let response: Response;
    try {
      response = await postJson(url, body, { headers, signal: request.signal, context });
    } catch (error) {
      throw withRetryInfo(error);
    }
    const json = (await readJson(response, url, context)) as GeminiBatchEmbedResponse;
    const embeddings = (json.embeddings ?? []).map((embedding) => embedding.values);
    if (embeddings.length !== request.values.length) {
      throw new ProviderError({
        ...context,
        url,
        message: `returned ${embeddings.length} embeddings for ${request.values.length} texts.`,
        isRetryable: false,
      });
    }
    return { embeddings };
  }

  /** The shorthand and options that recreate this model; the key as its environment variable names. */
  toConfig(): Record<string, unknown> {
    const { baseURL, headers, taskType, outputDimensionality } = this.#options;
    return {
      model: `gemini:${this.modelId}`,
      ...(baseURL === undefined ? {} : { baseURL }),
      apiKey: this.#config.apiKey.toJSON(),
      ...(headers === undefined ? {} : { headers }),
      ...(taskType === undefined ? {} : { taskType }),
      ...(outputDimensionality === undefined ? {} : { outputDimensionality }),
    };
  }
}
