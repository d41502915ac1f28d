/**
 * Concurrency limits per endpoint, shared by every model that calls it: local servers fail when several big models
 * load at once, and remote ones rate-limit. Waiters are served in arrival order.
 */
class Semaphore {
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  constructor(public limit: number) {}

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // A free slot is taken at once, without waiting a turn of the event loop.
    if (this.#active < this.limit && this.#waiting.length === 0) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      // Woken by a release that hands its slot over: the active count already includes it.
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(this.#releaser());
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(wake), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(wake);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#active <= this.limit ? this.#waiting.shift() : undefined;
      if (next) next();
      else this.#active--;
    };
  }

  /** Wakes waiters after the limit was raised. */
  grow(): void {
    while (this.#active < this.limit && this.#waiting.length) {
      this.#active++;
      this.#waiting.shift()!();
    }
  }
}

const limits = new Map<string, Semaphore>();

/**
 * Takes a slot of `endpoint`'s limit, waiting while all are busy; returns the function that gives it back.
 * The first caller's `limit` (or `defaultConcurrency`) sets the endpoint's limit; `setEndpointConcurrency` changes it.
 */
export function acquireEndpoint(
  endpoint: string,
  limit: number | undefined,
  signal?: AbortSignal,
): Promise<() => void> {
  let semaphore = limits.get(endpoint);
  if (!semaphore) {
    semaphore = new Semaphore(limit ?? defaultConcurrency(endpoint));
    limits.set(endpoint, semaphore);
  }
  return semaphore.acquire(signal);
}

/** Sets how many calls may run at once against `endpoint`. */
export function setEndpointConcurrency(endpoint: string, limit: number): void {
  const semaphore = limits.get(endpoint);
  if (semaphore) {
    semaphore.limit = limit;
    semaphore.grow();
  } else limits.set(endpoint, new Semaphore(limit));
}

/** A sensible default: one call at a time for servers on this machine (models load into the same memory), 16 elsewhere. */
export function defaultConcurrency(endpoint: string): number {
  // In-process models use their file path as the endpoint, Windows paths included (`C:\models\x.gguf`).
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)) return 1;
  try {
    const { hostname } = new URL(endpoint);
    return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "::1" || hostname === "[::1]" ? 1 : 16;
  } catch {
    return 1;
  }
}
