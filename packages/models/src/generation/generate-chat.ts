/**
 * Calling chat models: every call takes a slot of its endpoint's concurrency limit, gets a time limit, and is
 * retried on retryable failures (streams only until their first part: output already shown is never replayed).
 * @module
 */
import { ChatMessage, type ContentPart, type ToolCallPart } from "@trama/core";
import type {
  ChatModelV1,
  ChatRequest,
  ChatResponse,
  ChatStreamPart,
  FinishReason,
  Usage,
  Warning,
} from "@trama/provider";
import { acquireEndpoint, ProviderError, withRetries } from "@trama/provider";
import { attemptSignal, type CallOptions } from "./call-options.js";

/** One chat call with retries, a time limit and the endpoint's concurrency limit. */
export async function generateChat(
  model: ChatModelV1,
  request: ChatRequest,
  options: CallOptions = {},
): Promise<ChatResponse> {
  const release = await acquireEndpoint(model.endpoint, options.maxConcurrency, options.signal);
  try {
    return await withRetries(async () => {
      const attempt = attemptSignal(options, model);
      try {
        return await model.doGenerate({ ...request, signal: attempt.signal });
      } catch (error) {
        throw attempt.timedOut() ?? error;
      } finally {
        attempt.dispose();
      }
    }, options);
  } finally {
    release();
  }
}

/**
 * A streaming chat call: yields the model's batches of parts as they come. Failures before the first batch are
 * retried like `generateChat`; after it, they end the stream with the error.
 */
export async function* streamChat(
  model: ChatModelV1,
  request: ChatRequest,
  options: CallOptions = {},
): AsyncGenerator<readonly ChatStreamPart[]> {
  const release = await acquireEndpoint(model.endpoint, options.maxConcurrency, options.signal);
  let attempt: ReturnType<typeof attemptSignal> | undefined;
  let iterator: AsyncIterator<readonly ChatStreamPart[]> | undefined;
  try {
    const first = await withRetries(async () => {
      attempt?.dispose();
      attempt = attemptSignal(options, model);
      iterator = model.doStream({ ...request, signal: attempt.signal })[Symbol.asyncIterator]();
      try {
        return await iterator.next();
      } catch (error) {
        throw attempt.timedOut() ?? error;
      }
    }, options);
    if (first.done) return;
    yield first.value;
    for (;;) {
      let next: IteratorResult<readonly ChatStreamPart[]>;
      try {
        next = await iterator!.next();
      } catch (error) {
        throw attempt?.timedOut() ?? error;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator?.return?.();
    attempt?.dispose();
    release();
  }
}

/** Builds the response a stream amounts to: one assistant message with reasoning, text and tool calls. */
export class StreamCollector {
  #text = "";
  /** Reasoning blocks by block number (-1 for providers that send one unnumbered block), in arrival order. */
  readonly #reasoning = new Map<number, { text: string; signature?: string; redacted?: boolean }>();
  readonly #toolCalls: ToolCallPart[] = [];
  #finishReason: FinishReason = { unified: "other", raw: undefined };
  #usage: Usage = {};
  #warnings: Warning[] = [];
  #response: ChatResponse["response"] = {};
  #finished = false;

  constructor(readonly model: ChatModelV1) {}

  add(part: ChatStreamPart): void {
    switch (part.type) {
      case "text-delta":
        this.#text += part.text;
        break;
      case "reasoning-delta": {
        const key = part.block ?? -1;
        const block = this.#reasoning.get(key) ?? { text: "" };
        block.text += part.text;
        if (part.signature) block.signature = part.signature;
        if (part.redacted) block.redacted = true;
        this.#reasoning.set(key, block);
        break;
      }
      case "tool-call":
        this.#toolCalls.push(part.call);
        break;
      case "response-metadata":
        this.#response = {
          ...this.#response,
          ...(part.id ? { id: part.id } : {}),
          ...(part.model ? { model: part.model } : {}),
        };
        break;
      case "finish":
        this.#finished = true;
        this.#finishReason = part.finishReason;
        this.#usage = part.usage;
        this.#warnings = part.warnings;
        break;
    }
  }

  response(): ChatResponse {
    if (!this.#finished) {
      throw new ProviderError({
        provider: this.model.provider,
        modelId: this.model.modelId,
        message: "the stream ended without a finish.",
        isRetryable: true,
      });
    }
    const parts: ContentPart[] = [];
    for (const block of this.#reasoning.values()) {
      if (!block.text && !block.signature) continue;
      parts.push({
        type: "reasoning",
        text: block.text,
        ...(block.signature ? { signature: block.signature } : {}),
        ...(block.redacted ? { redacted: true } : {}),
      });
    }
    if (this.#text) parts.push({ type: "text", text: this.#text });
    parts.push(...this.#toolCalls);
    const message = ChatMessage.assistant(parts, {
      meta: {
        provider: this.model.provider,
        model: this.#response?.model ?? this.model.modelId,
        finishReason: this.#finishReason.unified,
        usage: this.#usage,
      },
    });
    return {
      message,
      finishReason: this.#finishReason,
      usage: this.#usage,
      warnings: this.#warnings,
      response: this.#response,
    };
  }
}
