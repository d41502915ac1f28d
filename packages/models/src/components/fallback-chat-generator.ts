import {
  type ChatMessage,
  type Component,
  chatMessageType,
  type LoadContext,
  type RunContext,
  TramaError,
  t,
} from "@trama/core";
import type { ChatResponse } from "@trama/provider";
import type { Tool } from "../tools/tool.js";
import { ChatGenerator, type ChatGeneratorParams } from "./chat-generator.js";
import type { GenerationSettings } from "./generation-settings.js";

/** Every generator of a fallback list failed; `errors` holds each one's error, in order. */
export class AllGeneratorsFailedError extends TramaError {
  constructor(readonly errors: unknown[]) {
    super(
      `All ${errors.length} generators failed:\n${errors.map((error, index) => `  ${index + 1}. ${error instanceof Error ? error.message : String(error)}`).join("\n")}`,
    );
  }
}

const TYPE = "trama.FallbackChatGenerator";

function fallbackMeta(index: number, errors: readonly unknown[]): Record<string, unknown> {
  return { fallbackIndex: index, ...(errors.length ? { fallbackErrors: errors.map(String) } : {}) };
}

/**
 * Tries chat generators in order, each with its own retries, until one answers. Cancellation stops at once;
 * any other failure moves on to the next generator. The reply's metadata names the generator that answered.
 */
export class FallbackChatGenerator implements Component {
  static readonly type = TYPE;
  readonly type = TYPE;
  readonly inputs = { messages: t.list(chatMessageType), settings: t.record(t.any).optional() };
  readonly outputs = { replies: t.list(chatMessageType) };
  readonly generators: ChatGenerator[];

  constructor(params: { generators: Array<ChatGenerator | ChatGeneratorParams> }) {
    if (!params.generators?.length) throw new TramaError("FallbackChatGenerator needs at least one generator.");
    this.generators = params.generators.map((generator) =>
      generator instanceof ChatGenerator ? generator : new ChatGenerator(generator),
    );
  }

  async run(
    inputs: { messages: ChatMessage[]; settings?: GenerationSettings },
    context: RunContext,
  ): Promise<{ replies: ChatMessage[] }> {
    const { index, errors, value } = await this.#firstToAnswer(
      (generator) => generator.run(inputs, context),
      context.signal,
      (failedIndex, error) => {
        // Streamed consumers may have shown part of the failed answer: tell them another generator takes over.
        if (context.streaming)
          context.emit({
            type: "fallback",
            failedIndex,
            error: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return { replies: value.replies.map((reply) => reply.withMeta(fallbackMeta(index, errors))) };
  }

  /**
   * The first reply any generator gives, outside a pipeline: what rankers, judges and products call. The reply's
   * metadata names the generator that answered, as in a pipeline run.
   */
  async generate(
    messages: readonly ChatMessage[],
    overrides: { tools?: Tool[]; settings?: GenerationSettings; signal?: AbortSignal } = {},
  ): Promise<ChatResponse> {
    const { index, errors, value } = await this.#firstToAnswer(
      (generator) => generator.generate(messages, overrides),
      overrides.signal,
    );
    return { ...value, message: value.message.withMeta(fallbackMeta(index, errors)) };
  }

  /** Calls the generators in order until one answers; cancellation stops at once, any other failure moves on. */
  async #firstToAnswer<T>(
    call: (generator: ChatGenerator) => Promise<T>,
    signal: AbortSignal | undefined,
    onFailure?: (index: number, error: unknown) => void,
  ): Promise<{ index: number; errors: unknown[]; value: T }> {
    const errors: unknown[] = [];
    for (const [index, generator] of this.generators.entries()) {
      try {
        return { index, errors, value: await call(generator) };
      } catch (error) {
        if (signal?.aborted) throw error;
        errors.push(error);
        onFailure?.(index, error);
      }
    }
    throw new AllGeneratorsFailedError(errors);
  }

  toConfig(): Record<string, unknown> {
    return { generators: this.generators.map((generator) => generator.toConfig()) };
  }

  static fromConfig(config: Record<string, unknown>, context: LoadContext): FallbackChatGenerator {
    if (!Array.isArray(config.generators))
      throw new TramaError(`'${context.path}.generators' must be a list of generator parameters.`);
    return new FallbackChatGenerator({
      generators: config.generators.map((generator) =>
        ChatGenerator.fromConfig(generator as Record<string, unknown>, context),
      ),
    });
  }
}
