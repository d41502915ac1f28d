/**
 * A push-to-pull bridge: callbacks push values while a producer runs; a consumer takes them in batches, every value
 * that arrived since it last took. Ends after `end()`, or throws the error given to `fail()` once the values before
 * it are taken.
 */
export class AsyncQueue<T> {
  #values: T[] = [];
  #done = false;
  #error: { error: unknown } | undefined;
  #wake: (() => void) | undefined;

  push(value: T): void {
    if (this.#done) return;
    this.#values.push(value);
    this.#notify();
  }

  end(): void {
    this.#done = true;
    this.#notify();
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#error = { error };
    this.#done = true;
    this.#notify();
  }

  /** The values not taken yet, all of them, once there is one; `undefined` once the queue has ended. */
  async take(): Promise<T[] | undefined> {
    while (!this.#values.length) {
      if (this.#error) throw this.#error.error;
      if (this.#done) return undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    const values = this.#values;
    this.#values = [];
    return values;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/** `promise`, or the signal's reason as soon as `signal` aborts (the work behind `promise` goes on). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
