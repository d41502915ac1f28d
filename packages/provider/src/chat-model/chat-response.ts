import type { ChatMessage } from "@trama/core";

/** Why generation stopped: normalized, with the provider's own value kept beside it. */
export interface FinishReason {
  unified: "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other";
  raw: string | undefined;
}

/** Token counts of one call; `cost` (USD) when the provider reports it. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
  totalTokens?: number;
  cost?: number;
}

/** A setting the provider does not support, ignored rather than failing the call. */
export interface Warning {
  type: "unsupported";
  feature: string;
  details?: string;
}

/** The result of a non-streaming call. */
export interface ChatResponse {
  /** The assistant message: text, reasoning and tool-call parts; `meta` carries model, finish reason and usage. */
  message: ChatMessage;
  finishReason: FinishReason;
  usage: Usage;
  warnings: Warning[];
  response?: { id?: string; model?: string; headers?: Record<string, string> };
}
