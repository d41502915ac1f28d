import { ProviderError } from "../errors/provider-error.js";

/** How failed calls are retried. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff delay; doubles each retry, with jitter. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of one backoff delay. Default 20 s. */
  maxDelayMs?: number;
  /** A provider asking to wait longer than this (Retry-After) fails at once instead. Default 60 s. */
  maxRetryAfterMs?: number;
}

/**
 * Calls `attempt` until it succeeds, retrying retryable `ProviderError`s (408, 409, 429, 5xx, dropped connections)
 * with exponential backoff and full jitter, or after the provider's Retry-After. Other errors, including other 4xx
 * statuses and aborts, fail at once.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal; onRetry?: (error: ProviderError, delayMs: number) => void } = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!ProviderError.isInstance(error) || !error.isRetryable || options.signal?.aborted) throw error;
      error.attempts = attemptNumber;
      if (attemptNumber > maxRetries) throw error;
      const delay = retryDelay(error, attemptNumber, options);
      if (delay === undefined) throw error;
      options.onRetry?.(error, delay);
      await sleep(delay, options.signal);
    }
  }
}

/** Milliseconds to wait before retry number `attemptNumber`, or `undefined` when the provider asks too much. */
export function retryDelay(error: ProviderError, attemptNumber: number, options: RetryOptions): number | undefined {
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= (options.maxRetryAfterMs ?? 60_000) ? error.retryAfterMs : undefined;
  }
  const ceiling = Math.min(options.maxDelayMs ?? 20_000, (options.initialDelayMs ?? 500) * 2 ** (attemptNumber - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** Waits, or rejects with the signal's reason when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
