/**
 * `@trama/transformers`: embedding models computed in this process by transformers.js (ONNX Runtime, CPU), from a
 * local model folder, offline by default. Shorthand: `onnx:./models/all-MiniLM-L6-v2`.
 * @module
 */
import { defineProvider, type ProviderFactory } from "@trama/provider";
import { TransformersEmbeddingModel, type TransformersEmbeddingModelOptions } from "./transformers-embedding-model.js";

export { absoluteFolder, looksLikeHubId, type ModelSource, requiredModelFiles } from "./model-folder.js";
export { TransformersEmbeddingModel, type TransformersEmbeddingModelOptions } from "./transformers-embedding-model.js";

/** In-process ONNX embedding models: `transformers("./models/all-MiniLM-L6-v2")` (or `transformers.embedding(…)`). */
export const transformers = defineProvider({
  embedding: (modelPath: string, options: Omit<TransformersEmbeddingModelOptions, "modelPath"> = {}) =>
    new TransformersEmbeddingModel(modelPath, options),
});

/** The `onnx` scheme (embeddings only): `onnx:<model folder>`, options as in `TransformersEmbeddingModelOptions`. */
export const providers: Record<string, ProviderFactory> = { onnx: transformers };
