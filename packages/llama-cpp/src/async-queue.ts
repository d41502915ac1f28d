/**
 * A push-to-pull bridge: callbacks push values while a producer runs; a consumer iterates them as they arrive.
 * Ends after `end()`, or throws the error given to `fail()` once the values before it are taken.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  readonly #values: T[] = [];
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

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      if (this.#values.length) {
        yield this.#values.shift()!;
        continue;
      }
      if (this.#error) throw this.#error.error;
      if (this.#done) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
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
