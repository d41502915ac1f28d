import type { ChatRequest } from "../chat-model/chat-request.js";
import type { CallOptions } from "../generation/call-options.js";

/** Generation settings a generator passes to every call; a run's `settings` input overrides them. */
export type GenerationSettings = Pick<
  ChatRequest,
  "temperature" | "topP" | "topK" | "maxTokens" | "seed" | "stop" | "responseFormat" | "toolChoice" | "providerOptions"
>;

/** Retries, time limit and endpoint concurrency of a generator's calls. */
export type CallSettings = Omit<CallOptions, "signal" | "onRetry">;

const settingKeys = [
  "temperature",
  "topP",
  "topK",
  "maxTokens",
  "seed",
  "stop",
  "responseFormat",
  "toolChoice",
  "providerOptions",
] as const;

/** The request fields among `settings`, undefined ones left out. */
export function requestSettings(settings: GenerationSettings): Partial<ChatRequest> {
  const request: Record<string, unknown> = {};
  for (const key of settingKeys) if (settings[key] !== undefined) request[key] = settings[key];
  return request;
}
