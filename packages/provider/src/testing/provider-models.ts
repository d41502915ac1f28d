import type { ChatModelV1 } from "../chat-model/chat-model-v1.js";
import type { EmbeddingModelV1 } from "../embedding-model/embedding-model-v1.js";
import type { ProviderFactory } from "../provider-factory.js";

function factoryAndId(providers: Record<string, ProviderFactory>, shorthand: string) {
  const colon = shorthand.indexOf(":");
  const scheme = shorthand.slice(0, colon);
  const factory = providers[scheme];
  if (colon <= 0 || !factory) throw new Error(`The package under test has no '${scheme}' provider.`);
  return { factory, modelId: shorthand.slice(colon + 1) };
}

/**
 * The chat model a provider package's own `providers` build for a shorthand, as `@trama/models` would resolve it: lets
 * a provider's tests check its shorthands without depending on `@trama/models`.
 */
export function chatModelFrom(
  providers: Record<string, ProviderFactory>,
  shorthand: string,
  options: Record<string, unknown> = {},
): ChatModelV1 {
  const { factory, modelId } = factoryAndId(providers, shorthand);
  if (!factory.chat) throw new Error(`'${shorthand}' names a provider without chat models.`);
  return factory.chat(modelId, options);
}

/** The embedding model a provider package's own `providers` build for a shorthand. */
export function embeddingModelFrom(
  providers: Record<string, ProviderFactory>,
  shorthand: string,
  options: Record<string, unknown> = {},
): EmbeddingModelV1 {
  const { factory, modelId } = factoryAndId(providers, shorthand);
  if (!factory.embedding) throw new Error(`'${shorthand}' names a provider without embedding models.`);
  return factory.embedding(modelId, options);
}
