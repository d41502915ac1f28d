import type { ToolCallPart } from "@trama/core";
import type { FinishReason, Usage, Warning } from "./chat-response.js";

/**
 * What a streaming call yields. Deltas arrive as they come; `tool-call` carries each complete call once its
 * arguments are whole; `finish` comes last, once.
 */
export type ChatStreamPart =
  | { type: "text-delta"; text: string }
  | {
      type: "reasoning-delta";
      text: string;
      signature?: string;
      /** Which reasoning block this belongs to, when the provider sends several (Anthropic's thinking blocks). */
      block?: number;
      /** An encrypted block the provider needs back as is (its data in `signature`). */
      redacted?: boolean;
    }
  | { type: "tool-call-delta"; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: "tool-call"; call: ToolCallPart }
  | { type: "response-metadata"; id?: string; model?: string }
  | { type: "finish"; finishReason: FinishReason; usage: Usage; warnings: Warning[] };

/** The parts of a batched stream, one at a time (for tests and simple consumers). */
export async function* flattenParts(batches: AsyncIterable<readonly ChatStreamPart[]>): AsyncGenerator<ChatStreamPart> {
  for await (const batch of batches) yield* batch;
}
