import { Secret, type SecretJSON, SecretMissingError } from "@trama/core";
import { ProviderError } from "@trama/provider";

/** The base URL of Anthropic's API, version path included. */
export const DEFAULT_ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";

/** The `anthropic-version` header this package speaks. */
export const ANTHROPIC_VERSION = "2023-06-01";

/** The environment variable the API key is read from by default. */
export const ANTHROPIC_API_KEY_VARIABLE = "ANTHROPIC_API_KEY";

/** Options of Anthropic models. */
export interface AnthropicOptions {
  /** The API key; default `Secret.fromEnv("ANTHROPIC_API_KEY")`. Plain strings are refused. */
  apiKey?: Secret | SecretJSON;
  /** Default `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com/v1` (the version path included). */
  baseURL?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Replaces `fetch` (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** Options with their defaults applied. */
export interface AnthropicConfig {
  baseURL: string;
  apiKey: Secret;
  headers: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** Applies the defaults: the key from `ANTHROPIC_API_KEY`, the base URL from `ANTHROPIC_BASE_URL`. */
export function resolveAnthropicConfig(options: AnthropicOptions): AnthropicConfig {
  const baseURL = options.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? DEFAULT_ANTHROPIC_BASE_URL;
  return {
    baseURL: baseURL.replace(/\/+$/, ""),
    apiKey: Secret.from(options.apiKey, ANTHROPIC_API_KEY_VARIABLE)!,
    headers: options.headers ?? {},
    fetch: options.fetch,
  };
}

/**
 * The request headers: `x-api-key`, `anthropic-version`, then the configured and per-request headers. A missing key
 * is a `ProviderError` naming the environment variable to set.
 */
export function anthropicHeaders(
  config: AnthropicConfig,
  describe: { provider: string; modelId: string },
  requestHeaders: Record<string, string> | undefined,
): Record<string, string> {
  return {
    "x-api-key": resolveKey(config.apiKey, describe),
    "anthropic-version": ANTHROPIC_VERSION,
    ...config.headers,
    ...requestHeaders,
  };
}

function resolveKey(secret: Secret, describe: { provider: string; modelId: string }): string {
  let key: string | undefined;
  try {
    key = secret.resolve();
  } catch (error) {
    if (!SecretMissingError.isInstance(error)) throw error;
  }
  if (key) return key;
  const variables = secret.envVars.length ? secret.envVars.join(" or ") : ANTHROPIC_API_KEY_VARIABLE;
  throw new ProviderError({
    ...describe,
    message: `the API key is missing: set ${variables}, or pass apiKey.`,
    isRetryable: false,
  });
}
