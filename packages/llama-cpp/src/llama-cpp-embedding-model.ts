import { Lazy } from "@trama/core";
import { type EmbeddingModelV1, ProviderError } from "@trama/provider";
import type { LlamaEmbeddingContext } from "node-llama-cpp";
import { abortable } from "./async-queue.js";
import {
  definedOptions,
  type LlamaCppModelOptions,
  modelLocation,
  type OpenedModel,
  openModel,
} from "./llama-cpp-options.js";

/** Options of `LlamaCppEmbeddingModel`. */
export interface LlamaCppEmbeddingModelOptions extends LlamaCppModelOptions {
  /** How many texts one `doEmbed` call may carry. Default 64 (they are embedded one after another). */
  maxBatchSize?: number;
}

interface Loaded extends OpenedModel {
  context: LlamaEmbeddingContext;
  /** Embedding runs one text at a time in a context; calls queue here. */
  queue: Promise<unknown>;
}

const provider = "llama.cpp";

/**
 * Embeddings from a GGUF model in this process (node-llama-cpp's embedding context): a vector of the model's
 * embedding length per text, pooled as the model's metadata says. Use an embedding model (nomic-embed, bge, e5, …);
 * a chat model gives vectors too, but poor ones. Loads on first use; `dispose()` frees it.
 */
export class LlamaCppEmbeddingModel implements EmbeddingModelV1, AsyncDisposable {
  readonly specificationVersion = "v1";
  readonly provider = provider;
  readonly modelId: string;
  readonly endpoint: string;
  readonly maxBatchSize: number;
  readonly #options: LlamaCppEmbeddingModelOptions;
  readonly #loaded = new Lazy(() => this.#open());

  /** `model`: a GGUF file path, an `https://` URL or `hf:user/repo/file.gguf`. */
  constructor(model: string, options: Omit<LlamaCppEmbeddingModelOptions, "model"> = {}) {
    this.#options = { ...options, model };
    this.modelId = model;
    this.endpoint = modelLocation(this.#options);
    this.maxBatchSize = options.maxBatchSize ?? 64;
  }

  async doEmbed(request: { values: readonly string[]; signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage: { inputTokens: number };
  }> {
    const loaded = await abortable(this.#load(), request.signal);
    const run = loaded.queue.then(async () => {
      const embeddings: number[][] = [];
      let inputTokens = 0;
      for (const value of request.values) {
        request.signal?.throwIfAborted();
        const tokens = loaded.shared.model.tokenize(value);
        inputTokens += tokens.length;
        try {
          embeddings.push([...(await loaded.context.getEmbeddingFor(tokens)).vector]);
        } catch (error) {
          throw new ProviderError({
            provider,
            modelId: this.modelId,
            message: `cannot embed a text of ${tokens.length} tokens: ${(error as Error).message}`,
            hint: /longer than/i.test(String(error)) ? "Split long texts, or raise contextSize." : undefined,
            isRetryable: false,
            cause: error,
          });
        }
      }
      return { embeddings, usage: { inputTokens } };
    });
    loaded.queue = run.catch(() => undefined);
    return abortable(run, request.signal);
  }

  /** Loads the model and its embedding context now rather than on the first request. */
  async load(): Promise<void> {
    await this.#load();
  }

  /** Frees the embedding context, and the model once no other model object uses it. */
  async dispose(): Promise<void> {
    const loaded = await this.#loaded.take()?.catch(() => undefined);
    if (!loaded) return;
    await loaded.queue;
    await loaded.context.dispose();
    await loaded.shared.release();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  /** The shorthand (`gguf:<model>`) and the options that recreate this model. */
  toConfig(): Record<string, unknown> {
    const { model, ...rest } = this.#options;
    return { model: `gguf:${model}`, ...definedOptions(rest) };
  }

  #load(): Promise<Loaded> {
    return this.#loaded.get();
  }

  async #open(): Promise<Loaded> {
    const opened = await openModel(this.#options);
    try {
      const context = await opened.shared.model.createEmbeddingContext({
        contextSize: this.#options.contextSize ?? { max: 4096 },
        threads: opened.threads,
      });
      return { ...opened, context, queue: Promise.resolve() };
    } catch (error) {
      await opened.shared.release();
      throw new ProviderError({
        provider,
        modelId: this.modelId,
        message: `cannot create a llama.cpp embedding context: ${(error as Error).message}`,
        isRetryable: false,
        cause: error,
      });
    }
  }
}
