import { randomUUID } from "node:crypto";
import { ChatMessage, Lazy } from "@trama/core";
import {
  type ChatModelV1,
  type ChatRequest,
  type ChatResponse,
  type ChatStreamPart,
  ProviderError,
} from "@trama/provider";
import {
  type ChatWrapper,
  type LLamaChatGenerateResponseOptions,
  LlamaChat,
  type LlamaContext,
  type SpecializedChatWrapperTypeName,
} from "node-llama-cpp";
import { AsyncQueue, abortable } from "./async-queue.js";
import { ChatPool, GrammarCache, samplingOptions } from "./llama-cpp-generation.js";
import { toChatHistory, toFinishReason, toFunctions, toResponseParts } from "./llama-cpp-messages.js";
import {
  definedOptions,
  type LlamaCppModelOptions,
  modelLocation,
  type OpenedModel,
  openModel,
} from "./llama-cpp-options.js";
import { chatWrapperFor } from "./llama-runtime.js";

/** Options of `LlamaCppChatModel`. */
export interface LlamaCppChatModelOptions extends LlamaCppModelOptions {
  /** Sampling temperature when the request sets none. Default 0: greedy decoding, the same reply every time. */
  temperature?: number;
  /** Seed of the sampler when the request sets none; with a temperature above 0, the same seed repeats a reply. */
  seed?: number;
  /** Token limit of a reply when the request sets none. Default: the context size. */
  maxTokens?: number;
  /** Requests that can generate at once, each in its own sequence of the context. Default 1; others wait. */
  sequences?: number;
  /**
   * The prompt format: a node-llama-cpp wrapper name (`"chatML"`, `"llama3.1"`, `"qwen"`, …) or instance. Default:
   * node-llama-cpp's choice from the model's chat template (a specialized wrapper when it recognizes the template,
   * else a Jinja wrapper of the template itself).
   */
  chatWrapper?: SpecializedChatWrapperTypeName | ChatWrapper;
}

interface Loaded extends OpenedModel {
  context: LlamaContext;
  chats: ChatPool;
  grammars: GrammarCache;
}

type Emit = (part: ChatStreamPart) => void;
const provider = "llama.cpp";

/** Whether a part is a text, reasoning or tool-call delta. */
const isDelta = (part: ChatStreamPart): boolean =>
  part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-call-delta";

/**
 * A GGUF chat model running in this process through node-llama-cpp (llama.cpp). The model loads on first use, once:
 * other model objects for the same file share the loaded weights and keep their own context. Tool calls use
 * node-llama-cpp's function calling in the syntax of the model's chat wrapper; `responseFormat` becomes a JSON
 * (schema) grammar that constrains sampling. Call `dispose()` to free the context (and the weights, once unused).
 */
export class LlamaCppChatModel implements ChatModelV1, AsyncDisposable {
  readonly specificationVersion = "v1";
  readonly provider = provider;
  readonly modelId: string;
  /** The model file: the key of the concurrency limit this model shares. */
  readonly endpoint: string;
  readonly #options: LlamaCppChatModelOptions;
  readonly #loaded = new Lazy(() => this.#open());

  /** `model`: a GGUF file path, an `https://` URL or `hf:user/repo/file.gguf`. */
  constructor(model: string, options: Omit<LlamaCppChatModelOptions, "model"> = {}) {
    this.#options = { ...options, model };
    this.modelId = model;
    this.endpoint = modelLocation(this.#options);
  }

  async doGenerate(request: ChatRequest): Promise<ChatResponse> {
    return this.#generate(request);
  }

  /**
   * One batch per take from the queue the generation fills: every part generated since the consumer last took; the
   * first delta ends a batch of its own.
   */
  async *doStream(request: ChatRequest): AsyncGenerator<ChatStreamPart[]> {
    const queue = new AsyncQueue<ChatStreamPart>();
    const stop = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, stop.signal]) : stop.signal;
    const running = this.#generate({ ...request, signal }, (part) => queue.push(part)).then(
      ({ finishReason, usage, warnings }) => {
        queue.push({ type: "finish", finishReason, usage, warnings });
        queue.end();
      },
      (error) => queue.fail(error),
    );
    let deltaSent = false;
    try {
      for (let parts = await queue.take(); parts; parts = await queue.take()) {
        if (!deltaSent) {
          const at = parts.findIndex(isDelta);
          if (at >= 0) {
            deltaSent = true;
            if (at < parts.length - 1) {
              const first = parts;
              parts = first.splice(at + 1);
              yield first;
            }
          }
        }
        yield parts;
      }
    } finally {
      stop.abort();
      await running;
    }
  }

  /** Loads the model and its context now rather than on the first request. */
  async load(): Promise<void> {
    await this.#load();
  }

  /** Frees the context, and the model once no other model object uses it. The next request loads them again. */
  async dispose(): Promise<void> {
    const loaded = await this.#loaded.take()?.catch(() => undefined);
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.shared.release();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  /** The shorthand (`gguf:<model>`) and the options that recreate this model. */
  toConfig(): Record<string, unknown> {
    const { model, chatWrapper, ...rest } = this.#options;
    return {
      model: `gguf:${model}`,
      ...definedOptions(rest),
      ...(typeof chatWrapper === "string" ? { chatWrapper } : {}),
    };
  }

  #load(): Promise<Loaded> {
    return this.#loaded.get();
  }

  async #open(): Promise<Loaded> {
    const opened = await openModel(this.#options);
    try {
      const sequences = this.#options.sequences ?? 1;
      const context = await opened.shared.model.createContext({
        contextSize: this.#options.contextSize ?? { max: 4096 },
        threads: opened.threads,
        sequences,
      });
      const { chatWrapper: wrapper } = this.#options;
      const chatWrapper = typeof wrapper === "object" ? wrapper : chatWrapperFor(opened.shared.model, wrapper);
      const chats = Array.from(
        { length: sequences },
        () => new LlamaChat({ contextSequence: context.getSequence(), chatWrapper }),
      );
      return { ...opened, context, chats: new ChatPool(chats), grammars: new GrammarCache(opened.llama, this.modelId) };
    } catch (error) {
      await opened.shared.release();
      throw new ProviderError({
        provider,
        modelId: this.modelId,
        message: `cannot create a llama.cpp context: ${(error as Error).message}`,
        hint: "Lower contextSize or sequences, or free memory.",
        isRetryable: false,
        cause: error,
      });
    }
  }

  async #generate(request: ChatRequest, emit?: Emit): Promise<ChatResponse> {
    const loaded = await abortable(this.#load(), request.signal);
    const { history, warnings } = toChatHistory(request.messages);
    const functions = toFunctions(request, warnings);
    const grammar = await loaded.grammars.get(request.responseFormat, functions !== undefined, warnings);
    const chat = await loaded.chats.acquire(request.signal);
    try {
      const meterBefore = chat.sequence.tokenMeter.getState();
      const callIds = new Map<number, string>();
      const callId = (index: number) => {
        if (!callIds.has(index)) callIds.set(index, `call_${randomUUID().replaceAll("-", "").slice(0, 16)}`);
        return callIds.get(index)!;
      };
      const options = {
        ...samplingOptions(request, this.#options, loaded.context.contextSize),
        signal: request.signal,
        onResponseChunk: emit
          ? (chunk) => {
              if (!chunk.text) return;
              if (chunk.type === undefined) emit({ type: "text-delta", text: chunk.text });
              else if (chunk.segmentType === "thought") emit({ type: "reasoning-delta", text: chunk.text });
            }
          : undefined,
      } satisfies LLamaChatGenerateResponseOptions;
      const result = functions
        ? await chat.generateResponse(history, {
            ...options,
            functions,
            onFunctionCallParamsChunk: emit
              ? ({ callIndex, functionName, paramsChunk }) => {
                  const first = !callIds.has(callIndex);
                  const id = callId(callIndex);
                  emit({
                    type: "tool-call-delta",
                    index: callIndex,
                    ...(first ? { id, name: functionName } : {}),
                    argumentsDelta: paramsChunk,
                  });
                }
              : undefined,
          })
        : await chat.generateResponse(history, { ...options, grammar });
      const used = chat.sequence.tokenMeter.diff(meterBefore);
      const parts = toResponseParts(result, callId);
      for (const part of parts) if (part.type === "tool-call") emit?.({ type: "tool-call", call: part });
      const finishReason = toFinishReason(result.metadata.stopReason);
      // node-llama-cpp meters the last prompt token as output (it yields the first logits); it is a prompt token.
      const outputTokens = used.usedOutputTokens;
      const inputTokens = used.usedInputTokens + (outputTokens > 0 ? 1 : 0);
      const usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
      const meta = { provider, model: this.modelId, finishReason: finishReason.unified, usage };
      return {
        message: new ChatMessage("assistant", parts, { meta }),
        finishReason,
        usage,
        warnings,
        response: { model: this.modelId },
      };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (ProviderError.isInstance(error)) throw error;
      throw new ProviderError({
        provider,
        modelId: this.modelId,
        message: (error as Error).message,
        isRetryable: false,
        cause: error,
      });
    } finally {
      loaded.chats.release(chat);
    }
  }
}
