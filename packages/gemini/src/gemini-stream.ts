import { type CallContext, type ChatStreamPart, ProviderError, type Warning } from "@trama/provider";
import type { GeminiResponse, GeminiUsageMetadata } from "./gemini-api.js";
import { throwIfFailed, toToolCall } from "./gemini-response.js";
import { convertGeminiUsage } from "./gemini-usage.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";

/**
 * Turns `streamGenerateContent` chunks (each a whole response object holding only the new parts) into
 * `ChatStreamPart`s: text → `text-delta`; thought summaries → `reasoning-delta`; a thought signature →
 * `reasoning-delta` with the signature; each function call (Gemini sends it whole) → one `tool-call-delta` with all
 * its arguments, then the `tool-call`. Usage is cumulative, so the last chunk's counts. The stream has no end event:
 * the chunk with the finish reason is the last one, and `finish` comes after it (after the rest of its network read,
 * should more chunks share it). A stream that ends without a finish reason was cut short.
 */
export class GeminiStreamMapper {
  readonly #url: string;
  readonly #context: CallContext;
  readonly #warnings: Warning[];
  #toolCalls = 0;
  #usage: GeminiUsageMetadata | undefined;
  #finishReason: string | undefined;
  #started = false;

  constructor(options: { url: string; context: CallContext; warnings: Warning[] }) {
    this.#url = options.url;
    this.#context = options.context;
    this.#warnings = options.warnings;
  }

  /** The parts one chunk amounts to. Throws on an error chunk or a blocked prompt. */
  map(chunk: GeminiResponse): ChatStreamPart[] {
    throwIfFailed(chunk, this.#url, this.#context);
    const parts: ChatStreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: "response-metadata", id: chunk.responseId, model: chunk.modelVersion });
    }
    if (chunk.usageMetadata) this.#usage = chunk.usageMetadata;
    const candidate = chunk.candidates?.[0];
    if (candidate?.finishReason) this.#finishReason = candidate.finishReason;
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought && part.text) {
        parts.push({ type: "reasoning-delta", text: part.text, ...signatureOf(part) });
        continue;
      }
      if (part.thoughtSignature) parts.push({ type: "reasoning-delta", text: "", signature: part.thoughtSignature });
      if (part.functionCall) {
        const index = this.#toolCalls++;
        const call = toToolCall(part, chunk.responseId, index);
        parts.push(
          { type: "tool-call-delta", index, id: call.id, name: call.name, argumentsDelta: call.rawArguments! },
          { type: "tool-call", call },
        );
      } else if (part.text && !part.thought) {
        parts.push({ type: "text-delta", text: part.text });
      }
    }
    return parts;
  }

  /** Whether the finish reason arrived: the chunk that brings it is the stream's last. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  /** The `finish` part, once the finish reason has arrived; before, the error of a stream cut short. */
  finish(): ChatStreamPart {
    if (this.#finishReason === undefined) throw this.unfinishedError();
    return {
      type: "finish",
      finishReason: mapGeminiFinishReason(this.#finishReason, { hasToolCalls: this.#toolCalls > 0 }),
      usage: convertGeminiUsage(this.#usage),
      warnings: this.#warnings,
    };
  }

  /** The error for a stream that ended without a finish reason. */
  unfinishedError(): ProviderError {
    return new ProviderError({
      ...this.#context,
      url: this.#url,
      message: "ended the stream without a finish reason.",
      isRetryable: true,
    });
  }
}

function signatureOf(part: { thoughtSignature?: string }): { signature?: string } {
  return part.thoughtSignature ? { signature: part.thoughtSignature } : {};
}
