/**
 * Something loaded once, on first use, and shared by every caller: a model, a client. A failed load is forgotten, so
 * the next call tries again (after the user fixed a path or started a server).
 */
export class Lazy<T> {
  readonly #load: () => Promise<T>;
  #value: Promise<T> | undefined;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  get(): Promise<T> {
    this.#value ??= this.#load().catch((error: unknown) => {
      this.#value = undefined;
      throw error;
    });
    return this.#value;
  }

  /** The load started so far, if any, forgotten: the next `get` loads again (for releasing what was loaded). */
  take(): Promise<T> | undefined {
    const value = this.#value;
    this.#value = undefined;
    return value;
  }
}
