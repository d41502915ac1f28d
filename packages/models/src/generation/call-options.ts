import type { RetryOptions } from "@trama/provider";
import { ProviderError } from "@trama/provider";

/** How a model call is made: retries, a time limit, the endpoint's concurrency, cancellation. */
export interface CallOptions extends RetryOptions {
  /** Time limit of one attempt, streaming included. Default 10 minutes. */
  timeoutMs?: number;
  /** Calls at once against the model's endpoint; default 1 for local servers and in-process models, 16 otherwise. */
  maxConcurrency?: number;
  signal?: AbortSignal;
  /** Told about each retry, e.g. to log it. */
  onRetry?: (error: ProviderError, delayMs: number) => void;
}

/**
 * A signal that fires on the caller's abort or when the attempt runs out of time, and the error to throw in the
 * second case: a retryable `ProviderError` naming the limit, instead of a bare AbortError.
 */
export function attemptSignal(
  options: CallOptions,
  describe: { provider: string; modelId: string },
): { signal: AbortSignal; timedOut: () => ProviderError | undefined; dispose: () => void } {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  timer.unref?.();
  // A listener rather than AbortSignal.any, which costs tens of microseconds per call on Node 20.
  const outer = options.signal;
  const forward = () => controller.abort(outer!.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener("abort", forward, { once: true });
  return {
    signal: controller.signal,
    timedOut: () =>
      timedOut
        ? new ProviderError({
            ...describe,
            message: `did not finish within ${timeoutMs} ms.`,
            hint: "Raise timeoutMs, or check that the server is not overloaded.",
            isRetryable: true,
          })
        : undefined,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", forward);
    },
  };
}
