/**
 * `@trama/transformers`: embedding models computed in this process by transformers.js (ONNX Runtime, CPU), from a
 * local model folder, offline by default. Shorthand: `onnx:./models/all-MiniLM-L6-v2`.
 * @module
 */
import type { ProviderFactory } from "@trama/models";
import { TransformersEmbeddingModel, type TransformersEmbeddingModelOptions } from "./transformers-embedding-model.js";

export { absoluteFolder, looksLikeHubId, type ModelSource, requiredModelFiles } from "./model-folder.js";
export { TransformersEmbeddingModel, type TransformersEmbeddingModelOptions } from "./transformers-embedding-model.js";

/** The `onnx` scheme (embeddings only): `onnx:<model folder>`, options as in `TransformersEmbeddingModelOptions`. */
export const providers: Record<string, ProviderFactory> = {
  onnx: {
    embedding: (modelId, options) =>
      new TransformersEmbeddingModel({
        ...(options as Partial<TransformersEmbeddingModelOptions>),
        modelPath: modelId,
      }),
  },
};
