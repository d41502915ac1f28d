/**
 * `@trama/ollama`: chat and embedding models served by Ollama, through its native API (`/api/chat` with NDJSON
 * streams, `/api/embed`). Shorthand: `ollama:qwen2.5:7b` (everything after the first colon is the model name).
 * @module
 */
import { defineProvider, type ProviderFactory } from "@trama/provider";
import { OllamaChatModel, type OllamaChatModelOptions } from "./ollama-chat-model.js";
import { OllamaEmbeddingModel, type OllamaEmbeddingModelOptions } from "./ollama-embedding-model.js";

export { defaultOllamaBaseURL, parseOllamaHost, resolveOllamaBaseURL } from "@trama/provider";
export { convertToOllamaMessages } from "./convert-to-ollama-messages.js";
export { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";
export type {
  OllamaChatChunk,
  OllamaChatRequestBody,
  OllamaEmbedResponse,
  OllamaMessage,
  OllamaTool,
  OllamaToolCall,
} from "./ollama-api-types.js";
export { OllamaChatModel, type OllamaChatModelOptions, type OllamaThink } from "./ollama-chat-model.js";
export { OllamaEmbeddingModel, type OllamaEmbeddingModelOptions } from "./ollama-embedding-model.js";
export { prepareOllamaTools } from "./ollama-prepare-tools.js";

/** Ollama models: `ollama("qwen2.5:7b")` (or `ollama.chat(…)`) for chat, `ollama.embedding("nomic-embed-text")`. */
export const ollama = defineProvider({
  chat: (modelId: string, options: OllamaChatModelOptions = {}) => new OllamaChatModel(modelId, options),
  embedding: (modelId: string, options: OllamaEmbeddingModelOptions = {}) => new OllamaEmbeddingModel(modelId, options),
});

/** The `ollama` scheme of model shorthands: `ollama:qwen2.5:7b`. */
export const providers: Record<string, ProviderFactory> = { ollama };
