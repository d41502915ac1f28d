import type { ChatRequest } from "@trama/provider";
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

/** The retry, time-limit and concurrency settings among `settings`, with the call's signal. */
export function callOptions(settings: CallSettings, signal: AbortSignal | undefined): CallOptions {
  const { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, timeoutMs, maxConcurrency } = settings;
  return { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, timeoutMs, maxConcurrency, signal };
}

/**
 * How a component saves its model: the shorthand, then `modelOptions` (those given, or the options a model instance
 * was built with), always in that order, so that loading the file rebuilds the same model and saving it again writes
 * the same file.
 */
export function savedModel(
  model: string | { provider: string; modelId: string; toConfig?(): Record<string, unknown> },
  modelOptions?: Record<string, unknown>,
): {
  model: string;
  modelOptions?: Record<string, unknown>;
} {
  const given = modelOptions === undefined ? {} : { modelOptions };
  if (typeof model === "string") return { model, ...given };
  const { model: shorthand, ...built } = model.toConfig?.() ?? { model: `${model.provider}:${model.modelId}` };
  return Object.keys(built).length
    ? { model: String(shorthand), modelOptions: built }
    : { model: String(shorthand), ...given };
}
