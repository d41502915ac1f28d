import {
  type ChatMessage,
  type Component,
  chatMessageType,
  Lazy,
  type LoadContext,
  type RunContext,
  TramaError,
  t,
} from "@trama/core";
import type { ChatModelV1, ChatRequest, ChatResponse, ChatStreamPart } from "@trama/provider";
import type { CallOptions } from "../generation/call-options.js";
import { generateChat, StreamCollector, streamChat } from "../generation/generate-chat.js";
import { resolveChatModel } from "../providers/registry.js";
import { type Tool, toolDefinitions, toolNames, toolsFromConfig } from "../tools/tool.js";
import {
  type CallSettings,
  callOptions,
  type GenerationSettings,
  requestSettings,
  savedModel,
} from "./generation-settings.js";

export interface ChatGeneratorParams extends GenerationSettings, CallSettings {
  /** A model, or its shorthand: `ollama:qwen2.5:7b`, `openrouter:openai/gpt-5.1`, `gguf:./models/x.gguf`, … */
  model: string | ChatModelV1;
  /** Options for building the model from its shorthand (base URL, API key as a Secret, …). */
  modelOptions?: Record<string, unknown>;
  /** Tools the model may call; the generator returns the calls, an Agent or ToolInvoker runs them. */
  tools?: Tool[];
  /** Stream when the pipeline is streamed (`auto`, the default), always, or never. */
  streaming?: "auto" | "always" | "never";
}

/** A streamed generation: the parts as they come, and the whole response once done. */
export interface ChatStream extends AsyncIterable<ChatStreamPart> {
  readonly response: Promise<ChatResponse>;
}

const TYPE = "trama.ChatGenerator";

const isDelta = (part: ChatStreamPart) =>
  part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-call-delta";

/**
 * Calls a chat model with the conversation it receives and returns the reply. Works with every provider through the
 * model contract; retries failed calls (honouring Retry-After), limits concurrency per endpoint, times out, and
 * streams tokens as `node-chunk` events when the pipeline is streamed. Outside pipelines, use `generate` and `stream`.
 */
export class ChatGenerator implements Component {
  static readonly type = TYPE;
  readonly type = TYPE;
  readonly inputs = {
    messages: t.list(chatMessageType),
    tools: t.list(t.any).optional(),
    settings: t.record(t.any).optional(),
  };
  readonly outputs = { replies: t.list(chatMessageType) };
  readonly params: ChatGeneratorParams;
  readonly #model = new Lazy(() => resolveChatModel(this.params.model, this.params.modelOptions));

  constructor(params: ChatGeneratorParams) {
    this.params = params;
  }

  /** The model, built from its shorthand on first use. */
  model(): Promise<ChatModelV1> {
    return this.#model.get();
  }

  async warmUp(): Promise<void> {
    await this.model();
  }

  /** One reply to `messages`. */
  async generate(
    messages: readonly ChatMessage[],
    overrides: { tools?: Tool[]; settings?: GenerationSettings; signal?: AbortSignal } = {},
  ): Promise<ChatResponse> {
    return generateChat(await this.model(), this.#request(messages, overrides), this.#callOptions(overrides.signal));
  }

  /** The reply to `messages`, streamed part by part; `response` resolves to the whole reply. */
  stream(
    messages: readonly ChatMessage[],
    overrides: { tools?: Tool[]; settings?: GenerationSettings; signal?: AbortSignal } = {},
  ): ChatStream {
    return new PartStream(this.streamBatches(messages, overrides));
  }

  /**
   * The reply streamed as batches of parts (those that arrived together), with the whole reply at the end: the
   * cheapest way to consume a stream, used by `run` and by `stream`.
   */
  async *streamBatches(
    messages: readonly ChatMessage[],
    overrides: { tools?: Tool[]; settings?: GenerationSettings; signal?: AbortSignal } = {},
  ): AsyncGenerator<readonly ChatStreamPart[], ChatResponse> {
    const model = await this.model();
    const collector = new StreamCollector(model);
    for await (const batch of streamChat(
      model,
      this.#request(messages, overrides),
      this.#callOptions(overrides.signal),
    )) {
      for (const part of batch) collector.add(part);
      yield batch;
    }
    return collector.response();
  }

  async run(
    inputs: { messages: ChatMessage[]; tools?: Tool[]; settings?: GenerationSettings },
    context: RunContext,
  ): Promise<{ replies: ChatMessage[] }> {
    const overrides = { tools: inputs.tools, settings: inputs.settings, signal: context.signal };
    const streaming = this.params.streaming === "always" || (this.params.streaming !== "never" && context.streaming);
    if (!streaming) return { replies: [(await this.generate(inputs.messages, overrides)).message] };
    const batches = this.streamBatches(inputs.messages, overrides);
    let firstDeltaSent = false;
    for (;;) {
      const next = await batches.next();
      if (next.done) return { replies: [next.value.message] };
      for (const part of next.value) context.emit(part);
      // Calling `next` resumes the provider synchronously, and it may parse a whole read of hundreds of events before
      // the stream's consumer gets a turn. Once, after the first token, wait until the consumer has taken it, so it
      // arrives at once; later batches only let the consumer start.
      if (!firstDeltaSent && next.value.some(isDelta)) {
        firstDeltaSent = true;
        await context.drained();
      } else {
        await undefined;
      }
    }
  }

  toConfig(): Record<string, unknown> {
    const { model, modelOptions, tools, ...rest } = this.params;
    return { ...rest, ...savedModel(model, modelOptions), ...(tools?.length ? { tools: toolNames(tools) } : {}) };
  }

  /** Rebuilds a generator from `toConfig()` output; tools are looked up by name in the loading registry. */
  static fromConfig(config: Record<string, unknown>, context: LoadContext): ChatGenerator {
    const tools = toolsFromConfig(config.tools, context);
    return new ChatGenerator({ ...(config as unknown as ChatGeneratorParams), ...(tools ? { tools } : {}) });
  }

  #request(
    messages: readonly ChatMessage[],
    overrides: { tools?: Tool[]; settings?: GenerationSettings },
  ): ChatRequest {
    const tools = overrides.tools ?? this.params.tools;
    return {
      messages,
      ...requestSettings(this.params),
      ...requestSettings(overrides.settings ?? {}),
      ...(tools?.length ? { tools: toolDefinitions(tools) } : {}),
    };
  }

  #callOptions(signal: AbortSignal | undefined): CallOptions {
    return callOptions(this.params, signal);
  }
}

/**
 * Parts one at a time over a stream of batches, without an asynchronous step per part: buffered parts are handed out
 * as already-resolved results, and the next batch is awaited only when the buffer is empty.
 */
class PartStream implements ChatStream, AsyncIterator<ChatStreamPart> {
  readonly response: Promise<ChatResponse>;
  readonly #batches: AsyncGenerator<readonly ChatStreamPart[], ChatResponse>;
  #buffer: readonly ChatStreamPart[] = [];
  #index = 0;
  #resolve!: (response: ChatResponse) => void;
  #reject!: (error: unknown) => void;

  constructor(batches: AsyncGenerator<readonly ChatStreamPart[], ChatResponse>) {
    this.#batches = batches;
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.response.catch(() => {});
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatStreamPart> {
    return this;
  }

  next(): Promise<IteratorResult<ChatStreamPart>> {
    if (this.#index < this.#buffer.length) return Promise.resolve({ value: this.#buffer[this.#index++]!, done: false });
    return this.#refill();
  }

  async #refill(): Promise<IteratorResult<ChatStreamPart>> {
    for (;;) {
      let next: IteratorResult<readonly ChatStreamPart[], ChatResponse>;
      try {
        next = await this.#batches.next();
      } catch (error) {
        this.#reject(error);
        throw error;
      }
      if (next.done) {
        this.#resolve(next.value);
        return { value: undefined, done: true };
      }
      if (next.value.length === 0) continue;
      this.#buffer = next.value;
      this.#index = 1;
      return { value: next.value[0]!, done: false };
    }
  }

  async return(): Promise<IteratorResult<ChatStreamPart>> {
    await this.#batches.return(undefined as never);
    this.#reject(new TramaError("The stream was closed before it finished."));
    return { value: undefined, done: true };
  }
}
