import type { ProviderFactory } from "@trama/models";
import { GeminiChatModel } from "./gemini-chat-model.js";
import type { GeminiOptions } from "./gemini-config.js";
import { GeminiEmbeddingModel, type GeminiEmbeddingOptions } from "./gemini-embedding-model.js";

/**
 * A Gemini chat model: `gemini("gemini-2.5-flash")`, the key read from `GEMINI_API_KEY` (or `GOOGLE_API_KEY`)
 * unless `apiKey` is given.
 */
export function gemini(modelId: string, options: GeminiOptions = {}): GeminiChatModel {
  return new GeminiChatModel(modelId, options);
}

/** A Gemini embedding model: `geminiEmbedding("gemini-embedding-001", { taskType: "RETRIEVAL_DOCUMENT" })`. */
export function geminiEmbedding(modelId: string, options: GeminiEmbeddingOptions = {}): GeminiEmbeddingModel {
  return new GeminiEmbeddingModel(modelId, options);
}

/** The `gemini:` shorthand scheme, for `resolveChatModel("gemini:gemini-2.5-flash")` and embedding models. */
export const providers: Record<string, ProviderFactory> = {
  gemini: {
    chat: (modelId, options) => new GeminiChatModel(modelId, options as GeminiOptions),
    embedding: (modelId, options) => new GeminiEmbeddingModel(modelId, options as GeminiEmbeddingOptions),
  },
};
