/**
 * What rankers and judges need of a chat model: any object that answers a conversation, such as `@trama/models`'
 * `ChatGenerator` (this package does not depend on it). In pipeline files it is saved as the component it is.
 * @module
 */
import { type AnyComponent, type ChatMessage, type LoadContext, SerializationError } from "@trama/core";

/** A chat generator, structurally: `ChatGenerator` and `FallbackChatGenerator` from `@trama/models` fit. */
export interface ChatGeneratorLike {
  generate(messages: readonly ChatMessage[], options?: { signal?: AbortSignal }): Promise<{ message: ChatMessage }>;
  warmUp?(): void | Promise<void>;
}

/** True for something with a `generate` method. */
export function isChatGeneratorLike(value: unknown): value is ChatGeneratorLike {
  return typeof value === "object" && value !== null && typeof (value as ChatGeneratorLike).generate === "function";
}

/** Rebuilds a saved generator (a nested component in the file) through the loading registry. */
export function loadGenerator(saved: unknown, context: LoadContext, owner: string): ChatGeneratorLike {
  const component: AnyComponent = context.component(saved, `${context.path}.generator`);
  if (!isChatGeneratorLike(component)) {
    throw new SerializationError(
      `${owner}'s generator at ${context.path}.generator is a ${component.type}, which cannot answer a conversation: use a chat generator such as trama.ChatGenerator.`,
    );
  }
  return component;
}
