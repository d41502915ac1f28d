import { TramaError } from "@trama/core";
import type { ChatModelV1 } from "./chat-model/chat-model-v1.js";
import type { EmbeddingModelV1 } from "./embedding-model/embedding-model-v1.js";

/**
 * A provider's factory, in the one shape every Trama provider package exports: `openai("gpt-4.1-mini")`,
 * `ollama.chat("qwen2.5:7b", { numCtx: 8192 })`, `ollama.embedding("nomic-embed-text")`. Calling it builds the
 * provider's main kind of model (chat, or embeddings for embedding-only providers). It is also the provider's entry
 * in its package's `providers` map, which model shorthands resolve through.
 */
export type ProviderFunction<
  ChatOptions,
  Chat extends ChatModelV1 | never,
  EmbeddingOptions,
  Embedding extends EmbeddingModelV1 | never,
> = ([Chat] extends [never]
  ? (modelId: string, options?: EmbeddingOptions) => Embedding
  : (modelId: string, options?: ChatOptions) => Chat) &
  ([Chat] extends [never] ? {} : { chat(modelId: string, options?: ChatOptions): Chat }) &
  ([Embedding] extends [never] ? {} : { embedding(modelId: string, options?: EmbeddingOptions): Embedding });

/**
 * Builds a provider factory from its model constructors, each taking the model's id (name, file or folder) and
 * options, as every Trama model class does: `new OllamaChatModel(modelId, options)`.
 *
 * @example
 * export const ollama = defineProvider({
 *   chat: (modelId, options: OllamaChatModelOptions = {}) => new OllamaChatModel(modelId, options),
 *   embedding: (modelId, options: OllamaEmbeddingModelOptions = {}) => new OllamaEmbeddingModel(modelId, options),
 * });
 */
export function defineProvider<
  ChatOptions = never,
  Chat extends ChatModelV1 = never,
  EmbeddingOptions = never,
  Embedding extends EmbeddingModelV1 = never,
>(models: {
  chat?: (modelId: string, options?: ChatOptions) => Chat;
  embedding?: (modelId: string, options?: EmbeddingOptions) => Embedding;
}): ProviderFunction<ChatOptions, Chat, EmbeddingOptions, Embedding> {
  const main = models.chat ?? models.embedding;
  if (!main) throw new TramaError("defineProvider needs a chat or an embedding model constructor.");
  const factory = (modelId: string, options?: never) => main(modelId, options);
  return Object.assign(factory, {
    ...(models.chat ? { chat: models.chat } : {}),
    ...(models.embedding ? { embedding: models.embedding } : {}),
  }) as unknown as ProviderFunction<ChatOptions, Chat, EmbeddingOptions, Embedding>;
}
