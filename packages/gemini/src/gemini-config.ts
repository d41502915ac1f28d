import { Secret, type SecretJSON, SecretMissingError } from "@trama/core";
import { ProviderError, providerMessage } from "@trama/provider";
import type { GeminiErrorObject } from "./gemini-api.js";

/** The base URL of the Gemini API, version path included. */
export const DEFAULT_GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

/** The environment variables the API key is read from by default, the first set one winning. */
export const GEMINI_API_KEY_VARIABLES = ["GEMINI_API_KEY", "GOOGLE_API_KEY"] as const;

/** Options of Gemini models. */
export interface GeminiOptions {
  /** The API key; default `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. Plain strings are refused. */
  apiKey?: Secret | SecretJSON;
  /** Default `https://generativelanguage.googleapis.com/v1beta` (the version path included). */
  baseURL?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Replaces `fetch` (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** Options with their defaults applied. */
export interface GeminiConfig {
  baseURL: string;
  apiKey: Secret;
  headers: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** Applies the defaults. */
export function resolveGeminiConfig(options: GeminiOptions): GeminiConfig {
  return {
    baseURL: (options.baseURL ?? DEFAULT_GEMINI_BASE_URL).replace(/\/+$/, ""),
    apiKey: Secret.from(options.apiKey, GEMINI_API_KEY_VARIABLES)!,
    headers: options.headers ?? {},
    fetch: options.fetch,
  };
}

/** `{baseURL}/models/{model}:{method}`; model ids may already start with `models/` or `tunedModels/`. */
export function geminiUrl(config: GeminiConfig, modelId: string, method: string): string {
  return `${config.baseURL}/${modelPath(modelId)}:${method}`;
}

/** The model's resource name: `models/gemini-2.5-flash`. */
export function modelPath(modelId: string): string {
  return modelId.includes("/") ? modelId : `models/${modelId}`;
}

/**
 * The request headers: `x-goog-api-key`, then the configured and per-request headers. A missing key is a
 * `ProviderError` naming the environment variables to set.
 */
export function geminiHeaders(
  config: GeminiConfig,
  describe: { provider: string; modelId: string },
  requestHeaders?: Record<string, string>,
): Record<string, string> {
  let key: string | undefined;
  try {
    key = config.apiKey.resolve();
  } catch (error) {
    if (!SecretMissingError.isInstance(error)) throw error;
  }
  if (!key) {
    const variables = config.apiKey.envVars.length ? config.apiKey.envVars : GEMINI_API_KEY_VARIABLES;
    throw new ProviderError({
      ...describe,
      message: `the API key is missing: set ${variables.join(" or ")}, or pass apiKey.`,
      isRetryable: false,
    });
  }
  return { "x-goog-api-key": key, ...config.headers, ...requestHeaders };
}

/**
 * Gemini says how long to wait in the body (`google.rpc.RetryInfo`, `"retryDelay": "34.4s"`) more often than in a
 * Retry-After header: a 429 or 503 without `retryAfterMs` gets it from there.
 */
export function withRetryInfo(error: unknown): unknown {
  if (!ProviderError.isInstance(error) || error.retryAfterMs !== undefined || !error.responseBody) return error;
  if (error.statusCode !== 429 && error.statusCode !== 503) return error;
  let details: GeminiErrorObject["details"];
  try {
    details = (JSON.parse(error.responseBody) as { error?: GeminiErrorObject }).error?.details;
  } catch {
    return error;
  }
  const delay = details?.find((detail) => detail["@type"]?.endsWith("google.rpc.RetryInfo"))?.retryDelay;
  const seconds = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined;
  if (seconds === undefined) return error;
  return new ProviderError({
    provider: error.provider,
    modelId: error.modelId,
    url: error.url,
    statusCode: error.statusCode,
    message: providerMessage(error.responseBody) ?? "request failed",
    responseBody: error.responseBody,
    retryAfterMs: Math.round(Number(seconds) * 1000),
    cause: error.cause,
  });
}

/** An error object inside a 200 body or a stream: a `ProviderError` with the status Gemini put in it. */
export function geminiBodyError(
  error: GeminiErrorObject,
  url: string,
  context: { provider: string; modelId: string },
): ProviderError {
  return new ProviderError({
    ...context,
    url,
    statusCode: typeof error.code === "number" ? error.code : undefined,
    message: `${error.message ?? "request failed"}${error.status ? ` (${error.status})` : ""}`,
    responseBody: JSON.stringify({ error }),
  });
}
