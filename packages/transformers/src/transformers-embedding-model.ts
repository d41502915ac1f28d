import { TramaError } from "@trama/core";
import { type EmbeddingModelV1, ProviderError } from "@trama/provider";
import { type FeatureExtractor, loadFeatureExtraction } from "./load-feature-extraction.js";
import { ModelFolderError, modelEndpoint, resolveModelSource } from "./model-folder.js";

/** Options of an in-process transformers.js embedding model. */
export interface TransformersEmbeddingModelOptions {
  /**
   * The model's folder: `config.json`, `tokenizer.json`, `tokenizer_config.json` and `onnx/model.onnx` (fp32).
   * Relative paths start at the working directory. With `allowRemoteModels`, a Hugging Face model id missing
   * locally (`Xenova/all-MiniLM-L6-v2`) is downloaded instead.
   */
  modelPath: string;
  /** How token vectors become one vector per text: their mean over real tokens (default), or the `[CLS]` token's. */
  pooling?: "mean" | "cls";
  /** Scale vectors to unit length (default true), so cosine similarity is a dot product. */
  normalize?: boolean;
  /** Let transformers.js download a hub model id (default false: nothing touches the network). */
  allowRemoteModels?: boolean;
  /** Where downloads are cached (with `allowRemoteModels`); default transformers.js's own cache folder. */
  cacheDir?: string;
  /** Texts per inference run; default 32. Longer lists are split, in order. */
  maxBatchSize?: number;
}

/**
 * Embeddings computed in this process by transformers.js on ONNX Runtime (CPU, fp32), from a local model folder.
 * Offline by default. The model loads once, on the first `doEmbed` (concurrent first calls share the load); a
 * missing or incomplete folder fails at once with what to download where.
 */
export class TransformersEmbeddingModel implements EmbeddingModelV1 {
  readonly specificationVersion = "v1";
  readonly provider = "transformers.js";
  /** `modelPath` as given. */
  readonly modelId: string;
  /** The model folder (absolute) or hub id: the key of the concurrency limit. */
  readonly endpoint: string;
  readonly maxBatchSize: number;
  readonly pooling: "mean" | "cls";
  readonly normalize: boolean;
  readonly #options: TransformersEmbeddingModelOptions;
  #extractor: Promise<FeatureExtractor> | undefined;

  /** `modelPath`: the folder of an ONNX model (or a hub id, with `allowRemoteModels`). */
  constructor(modelPath: string, options: Omit<TransformersEmbeddingModelOptions, "modelPath"> = {}) {
    if (typeof modelPath !== "string" || !modelPath.trim()) {
      throw new TramaError("TransformersEmbeddingModel needs modelPath: the folder of an ONNX model.");
    }
    this.#options = { ...options, modelPath };
    this.modelId = modelPath;
    this.pooling = options.pooling ?? "mean";
    this.normalize = options.normalize ?? true;
    this.maxBatchSize = Math.max(1, Math.floor(options.maxBatchSize ?? 32));
    if (this.pooling !== "mean" && this.pooling !== "cls") {
      throw new TramaError(`pooling must be "mean" or "cls", not ${JSON.stringify(this.pooling)}.`);
    }
    this.endpoint = modelEndpoint(modelPath, options.allowRemoteModels ?? false);
  }

  async doEmbed(request: { values: readonly string[]; signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage?: { inputTokens?: number };
  }> {
    request.signal?.throwIfAborted();
    const extractor = await this.#load();
    const embeddings: number[][] = [];
    for (let start = 0; start < request.values.length; start += this.maxBatchSize) {
      request.signal?.throwIfAborted();
      const batch = request.values.slice(start, start + this.maxBatchSize);
      let vectors: unknown[];
      try {
        const output = await extractor([...batch], { pooling: this.pooling, normalize: this.normalize });
        vectors = output.tolist();
      } catch (error) {
        throw this.#error(`failed to embed: ${error instanceof Error ? error.message : String(error)}`, error);
      }
      embeddings.push(...(vectors as number[][]));
    }
    return { embeddings };
  }

  /** Loads the model now rather than on the first `doEmbed` (to fail early, or to warm up). */
  async load(): Promise<void> {
    await this.#load();
  }

  /** Releases the ONNX Runtime session; the next `doEmbed` loads the model again. */
  async dispose(): Promise<void> {
    const extractor = this.#extractor;
    this.#extractor = undefined;
    if (extractor) await (await extractor.catch(() => undefined))?.dispose();
  }

  /** The shorthand and the options given explicitly. */
  toConfig(): Record<string, unknown> {
    const { modelPath, ...options } = this.#options;
    return { model: `onnx:${modelPath}`, ...options };
  }

  #load(): Promise<FeatureExtractor> {
    if (this.#extractor) return this.#extractor;
    // Checked on every load rather than once in the constructor: building a pipeline stays cheap, and files
    // downloaded after construction are found.
    let source: ReturnType<typeof resolveModelSource>;
    try {
      source = resolveModelSource(this.#options.modelPath, this.#options.allowRemoteModels ?? false);
    } catch (error) {
      if (!(error instanceof ModelFolderError)) throw error;
      return Promise.reject(this.#error(error.message, error));
    }
    const loading = loadFeatureExtraction(source, {
      allowRemoteModels: this.#options.allowRemoteModels ?? false,
      cacheDir: this.#options.cacheDir,
    }).catch((error: unknown) => {
      // Forget the failure, so that a later call tries again (after the files are downloaded, say).
      if (this.#extractor === loading) this.#extractor = undefined;
      const where = source.kind === "folder" ? source.folder : source.modelId;
      throw this.#error(
        `could not load the model from ${where}: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    });
    this.#extractor = loading;
    return loading;
  }

  #error(message: string, cause: unknown): ProviderError {
    return new ProviderError({ provider: this.provider, modelId: this.modelId, message, isRetryable: false, cause });
  }
}
