/**
 * `@trama/llama-cpp`: GGUF chat and embedding models running in this process through node-llama-cpp (llama.cpp), on
 * the CPU by default. Models are files, `https://` URLs or Hugging Face references (`hf:user/repo/file.gguf`), kept
 * in `~/.cache/trama/models` (or `TRAMA_MODELS_DIR`); the shorthand is `gguf:<model>`, as in
 * `resolveChatModel("gguf:./models/qwen2.5-0.5b-instruct-q4_k_m.gguf")`.
 * @module
 */
import { defineProvider, type ProviderFactory } from "@trama/provider";
import { LlamaCppChatModel, type LlamaCppChatModelOptions } from "./llama-cpp-chat-model.js";
import { LlamaCppEmbeddingModel, type LlamaCppEmbeddingModelOptions } from "./llama-cpp-embedding-model.js";

export { checkGgufFile, GgufCheckError, type GgufSummary } from "./gguf-check.js";
export { LlamaCppChatModel, type LlamaCppChatModelOptions } from "./llama-cpp-chat-model.js";
export { LlamaCppEmbeddingModel, type LlamaCppEmbeddingModelOptions } from "./llama-cpp-embedding-model.js";
export type { LlamaCppModelOptions } from "./llama-cpp-options.js";
export type { GpuSetting } from "./llama-runtime.js";
export { defaultModelsDir, type ModelReference, parseModelReference } from "./model-reference.js";
export { checkModelFile, type ResolveModelOptions, resolveModelPath } from "./resolve-model.js";

/**
 * In-process GGUF models: `llamaCpp("./models/qwen2.5-0.5b-instruct-q4_k_m.gguf")` (or `llamaCpp.chat(…)`) for chat,
 * `llamaCpp.embedding(…)` for embeddings. A model is a file path, an `https://` URL or `hf:user/repo/file.gguf`.
 */
export const llamaCpp = defineProvider({
  chat: (model: string, options: Omit<LlamaCppChatModelOptions, "model"> = {}) => new LlamaCppChatModel(model, options),
  embedding: (model: string, options: Omit<LlamaCppEmbeddingModelOptions, "model"> = {}) =>
    new LlamaCppEmbeddingModel(model, options),
});

/** The `gguf:` shorthand: `gguf:./models/x.gguf`, `gguf:hf:user/repo/file.gguf`, `gguf:https://…/x.gguf`. */
export const providers: Record<string, ProviderFactory> = { gguf: llamaCpp };
