import type { ToolCallPart } from "@trama/core";
import { type CallContext, type ChatStreamPart, ProviderError, toolCallFromJSON, type Warning } from "@trama/provider";
import type { AnthropicStreamEvent, AnthropicUsage } from "./anthropic-api.js";
import { anthropicErrorAfterSuccess } from "./anthropic-error.js";
import { JSON_TOOL_NAME } from "./anthropic-prepare-tools.js";
import { convertAnthropicUsage, mergeAnthropicUsage } from "./anthropic-usage.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";

interface OpenToolBlock {
  /** `json` blocks carry structured output and stream as text. */
  kind: "tool" | "json";
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/**
 * Turns the Messages API's stream events into `ChatStreamPart`s: `text_delta` → `text-delta`, `thinking_delta` and
 * `signature_delta` → `reasoning-delta`, a `tool_use` block → `tool-call-delta`s then one `tool-call` at its
 * `content_block_stop`, `message_start` → `response-metadata`, `message_stop` → `finish`. An `error` event throws.
 */
export class AnthropicStreamMapper {
  readonly #url: string;
  readonly #context: CallContext;
  readonly #structuredOutput: boolean;
  readonly #warnings: Warning[];
  readonly #toolBlocks = new Map<number, OpenToolBlock>();
  #toolCalls = 0;
  #usage: AnthropicUsage | undefined;
  #stopReason: string | null | undefined;
  /** Whether `message_stop` arrived. */
  finished = false;

  constructor(options: { url: string; context: CallContext; structuredOutput: boolean; warnings: Warning[] }) {
    this.#url = options.url;
    this.#context = options.context;
    this.#structuredOutput = options.structuredOutput;
    this.#warnings = options.warnings;
  }

  /** The parts one event amounts to (often none). */
  map(event: AnthropicStreamEvent): ChatStreamPart[] {
    switch (event.type) {
      case "message_start":
        this.#usage = mergeAnthropicUsage(this.#usage, event.message.usage);
        return [{ type: "response-metadata", id: event.message.id, model: event.message.model }];
      case "content_block_start":
        return this.#startBlock(event.index, event.content_block as { type: string; [key: string]: unknown });
      case "content_block_delta":
        return this.#delta(event.index, event.delta);
      case "content_block_stop":
        return this.#stopBlock(event.index);
      case "message_delta":
        if (event.delta.stop_reason !== undefined) this.#stopReason = event.delta.stop_reason;
        this.#usage = mergeAnthropicUsage(this.#usage, event.usage);
        return [];
      case "message_stop":
        this.finished = true;
        return [this.#finish()];
      case "error":
        throw anthropicErrorAfterSuccess(event.error, "stream", this.#url, this.#context);
      default:
        // `ping` keep-alives, and event types added later.
        return [];
    }
  }

  #startBlock(index: number, block: { type: string; [key: string]: unknown }): ChatStreamPart[] {
    if (block.type === "text" && typeof block.text === "string" && block.text) {
      return [{ type: "text-delta", text: block.text }];
    }
    if (block.type === "thinking" && typeof block.thinking === "string" && block.thinking) {
      return [{ type: "reasoning-delta", text: block.thinking, block: index }];
    }
    if (block.type === "redacted_thinking" && typeof block.data === "string") {
      return [{ type: "reasoning-delta", text: "", signature: block.data, redacted: true, block: index }];
    }
    if (block.type !== "tool_use") return [];
    const id = String(block.id);
    const name = String(block.name);
    if (this.#structuredOutput && name === JSON_TOOL_NAME) {
      this.#toolBlocks.set(index, { kind: "json", index: -1, id, name, arguments: "" });
      return [];
    }
    const toolIndex = this.#toolCalls++;
    this.#toolBlocks.set(index, { kind: "tool", index: toolIndex, id, name, arguments: "" });
    return [{ type: "tool-call-delta", index: toolIndex, id, name, argumentsDelta: "" }];
  }

  #delta(index: number, delta: { type: string; [key: string]: unknown }): ChatStreamPart[] {
    switch (delta.type) {
      case "text_delta":
        return [{ type: "text-delta", text: String(delta.text) }];
      case "thinking_delta":
        return [{ type: "reasoning-delta", text: String(delta.thinking), block: index }];
      case "signature_delta":
        return [{ type: "reasoning-delta", text: "", signature: String(delta.signature), block: index }];
      case "input_json_delta": {
        const block = this.#toolBlocks.get(index);
        const fragment = String(delta.partial_json);
        if (!block || !fragment) return [];
        block.arguments += fragment;
        return block.kind === "json"
          ? [{ type: "text-delta", text: fragment }]
          : [{ type: "tool-call-delta", index: block.index, argumentsDelta: fragment }];
      }
      default:
        return [];
    }
  }

  #stopBlock(index: number): ChatStreamPart[] {
    const block = this.#toolBlocks.get(index);
    if (!block) return [];
    this.#toolBlocks.delete(index);
    if (block.kind === "json") return block.arguments ? [] : [{ type: "text-delta", text: "{}" }];
    return [{ type: "tool-call", call: this.#toolCall(block) }];
  }

  #toolCall(block: OpenToolBlock): ToolCallPart {
    return toolCallFromJSON({ id: block.id, name: block.name, arguments: block.arguments }, this.#url, this.#context);
  }

  #finish(): ChatStreamPart {
    return {
      type: "finish",
      finishReason: mapAnthropicStopReason(this.#stopReason, {
        structuredOutput: this.#structuredOutput && this.#toolCalls === 0,
      }),
      usage: convertAnthropicUsage(this.#usage),
      warnings: this.#warnings,
    };
  }

  /** The error for a stream that ended before `message_stop`. */
  unfinishedError(): ProviderError {
    return new ProviderError({
      ...this.#context,
      url: this.#url,
      message: "ended the stream before message_stop.",
      isRetryable: true,
    });
  }
}
