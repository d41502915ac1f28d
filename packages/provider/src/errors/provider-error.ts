import { TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.ProviderError");

export interface ProviderErrorDetails {
  provider: string;
  modelId: string;
  /** What went wrong, in the provider's words when it said something. */
  message: string;
  url?: string;
  statusCode?: number;
  responseBody?: string;
  /** Whether trying again may succeed: 408, 409, 429, 5xx and dropped connections. */
  isRetryable?: boolean;
  /** How long the provider asked to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

/**
 * A model provider call failed. The message names the provider, the model, the HTTP status and the provider's own
 * message, and says what to do.
 */
export class ProviderError extends TramaError {
  readonly [marker] = true;
  readonly provider: string;
  readonly modelId: string;
  readonly url: string | undefined;
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** Attempts made, when retries were involved. */
  attempts = 1;

  constructor(details: ProviderErrorDetails) {
    const status = details.statusCode === undefined ? "" : ` HTTP ${details.statusCode}:`;
    const hint = details.hint ?? (details.statusCode === undefined ? undefined : hintForStatus(details.statusCode));
    super(`${details.provider} (${details.modelId}):${status} ${withHint(details.message, hint)}`, {
      cause: details.cause,
    });
    this.provider = details.provider;
    this.modelId = details.modelId;
    this.url = details.url;
    this.statusCode = details.statusCode;
    this.responseBody = details.responseBody;
    this.isRetryable =
      details.isRetryable ?? (details.statusCode !== undefined && isRetryableStatus(details.statusCode));
    this.retryAfterMs = details.retryAfterMs;
  }

  static override isInstance(error: unknown): error is ProviderError {
    return typeof error === "object" && error !== null && marker in error;
  }
}

/** The provider's message, then the hint as a sentence of its own. */
function withHint(message: string, hint: string | undefined): string {
  if (!hint) return message;
  return `${/[.!?:)]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`} ${hint}`;
}

/** 408, 409, 429 and 5xx may succeed on another try; other 4xx never will. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function hintForStatus(status: number): string | undefined {
  if (status === 401) return "Check the API key: set its environment variable or pass it explicitly.";
  if (status === 403) return "The key is not allowed to use this model or endpoint.";
  if (status === 404) return "Check the model name and the base URL.";
  if (status === 429) return "Rate limited: lower the concurrency or wait.";
  return undefined;
}
