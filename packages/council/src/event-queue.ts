/**
 * A buffered queue read by one async iterator: the producer never waits, the reader gets buffered items without an
 * asynchronous step each, and an ended or failed queue ends or fails the reader once the buffer is drained.
 * @module
 */
import { TramaError } from "@trama/core";

export class EventQueue<T> implements AsyncIterator<T> {
  #items: T[] = [];
  #index = 0;
  #ended = false;
  #error: unknown;
  #waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #iterating = false;

  push(item: T): void {
    if (this.#ended) return;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
    } else this.#items.push(item);
  }

  /** Ends the queue; with `error`, the reader fails with it after the buffered items. */
  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    if (error === undefined) waiter.resolve({ value: undefined, done: true });
    else waiter.reject(error);
  }

  /** The one reader; a second one is refused. */
  iterator(what: string): AsyncIterator<T> {
    if (this.#iterating) throw new TramaError(`${what} can be iterated only once: start another run to read it again.`);
    this.#iterating = true;
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#index < this.#items.length) {
      const value = this.#items[this.#index++]!;
      // Release what was read, so a long run does not keep every token.
      if (this.#index > 1024 && this.#index * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#index);
        this.#index = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended)
      return this.#error === undefined
        ? Promise.resolve({ value: undefined, done: true })
        : Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** Leaving the loop early stops reading; the run itself goes on (cancel it with its signal). */
  return(): Promise<IteratorResult<T>> {
    this.#ended = true;
    this.#items = [];
    return Promise.resolve({ value: undefined, done: true });
  }
}
