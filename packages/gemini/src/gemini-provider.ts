import { defineProvider, type ProviderFactory } from "@trama/provider";
import { GeminiChatModel } from "./gemini-chat-model.js";
import type { GeminiOptions } from "./gemini-config.js";
import { GeminiEmbeddingModel, type GeminiEmbeddingOptions } from "./gemini-embedding-model.js";

/**
 * Gemini models: `gemini("gemini-2.5-flash")` for chat, `gemini.embedding("gemini-embedding-001", { taskType })` for
 * embeddings; the key read from `GEMINI_API_KEY` (or `GOOGLE_API_KEY`) unless `apiKey` is given.
 */
export const gemini = defineProvider({
  chat: (modelId: string, options: GeminiOptions = {}) => new GeminiChatModel(modelId, options),
  embedding: (modelId: string, options: GeminiEmbeddingOptions = {}) => new GeminiEmbeddingModel(modelId, options),
});

/** The `gemini:` shorthand scheme: `gemini:gemini-2.5-flash`, and embedding models. */
export const providers: Record<string, ProviderFactory> = { gemini };
