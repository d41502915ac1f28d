/**
 * `@trama/ollama`: chat and embedding models served by Ollama, through its native API (`/api/chat` with NDJSON
 * streams, `/api/embed`). Shorthand: `ollama:qwen2.5:7b` (everything after the first colon is the model name).
 * @module
 */
import type { ProviderFactory } from "@trama/models";
import { OllamaChatModel, type OllamaChatModelOptions } from "./ollama-chat-model.js";
import { OllamaEmbeddingModel, type OllamaEmbeddingModelOptions } from "./ollama-embedding-model.js";

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
export { defaultOllamaBaseURL, parseOllamaHost, resolveOllamaBaseURL } from "./ollama-host.js";
export { prepareOllamaTools } from "./ollama-prepare-tools.js";

/** Builds Ollama models: `ollama("qwen2.5:7b")` for chat, `ollama.embedding("nomic-embed-text")` for embeddings. */
export interface OllamaProvider {
  (modelId: string, options?: OllamaChatModelOptions): OllamaChatModel;
  chat(modelId: string, options?: OllamaChatModelOptions): OllamaChatModel;
  embedding(modelId: string, options?: OllamaEmbeddingModelOptions): OllamaEmbeddingModel;
}

/** An Ollama chat model; `ollama.embedding(…)` for an embedding model. */
export const ollama: OllamaProvider = Object.assign(
  (modelId: string, options?: OllamaChatModelOptions) => new OllamaChatModel(modelId, options),
  {
    chat: (modelId: string, options?: OllamaChatModelOptions) => new OllamaChatModel(modelId, options),
    embedding: (modelId: string, options?: OllamaEmbeddingModelOptions) => new OllamaEmbeddingModel(modelId, options),
  },
);

/** The `ollama` scheme for `resolveChatModel` and `resolveEmbeddingModel`. */
export const providers: Record<string, ProviderFactory> = {
  ollama: {
    chat: (modelId, options) => new OllamaChatModel(modelId, options as OllamaChatModelOptions),
    embedding: (modelId, options) => new OllamaEmbeddingModel(modelId, options as OllamaEmbeddingModelOptions),
  },
};
