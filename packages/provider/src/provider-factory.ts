import type { ChatModelV1 } from "./chat-model/chat-model-v1.js";
import type { EmbeddingModelV1 } from "./embedding-model/embedding-model-v1.js";

/**
 * Builds models of one provider from the text after `scheme:` in a shorthand. A provider package exports
 * `providers: Record<scheme, ProviderFactory>`; `@trama/models` loads it when a shorthand names one of its schemes.
 */
export interface ProviderFactory {
  chat?(modelId: string, options: Record<string, unknown>): ChatModelV1;
  embedding?(modelId: string, options: Record<string, unknown>): EmbeddingModelV1;
}
