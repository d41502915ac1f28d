import { PipelineAbortedError } from "../errors/pipeline-errors.js";
import { TramaError } from "../errors/trama-error.js";
import type { PipelineEvent } from "./events.js";

/**
 * The events of one pipeline run as an async iterator, with the final outputs in `result`. Events are buffered, so
 * a slow consumer never slows the run; buffered events are handed out without an asynchronous step each (a token
 * stream produces many). Leaving the loop early cancels the run.
 */
export class PipelineStream<R> implements AsyncIterable<PipelineEvent>, AsyncIterator<PipelineEvent> {
  /** The run's outputs; rejects with the run's error. */
  readonly result: Promise<R>;
  #events: PipelineEvent[] = [];
  #index = 0;
  readonly #controller = new AbortController();
  #waiter: { resolve: (result: IteratorResult<PipelineEvent>) => void; reject: (error: unknown) => void } | undefined;
  #done = false;
  #error: unknown;
  #iterating = false;
  #drainWaiters: Array<() => void> = [];

  constructor(
    execute: (
      onEvent: (event: PipelineEvent) => void,
      signal: AbortSignal,
      drained: () => Promise<void>,
    ) => Promise<unknown>,
  ) {
    this.result = execute(
      (event) => this.#push(event),
      this.#controller.signal,
      () => this.whenDrained(),
    ).then(
      (result) => {
        this.#finish(undefined);
        return result as R;
      },
      (error) => {
        this.#finish(error);
        throw error;
      },
    );
    // The result may be awaited through the iterator only; keep an unobserved rejection from crashing the process.
    this.result.catch(() => {});
  }

  #push(event: PipelineEvent): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ value: event, done: false });
    } else {
      this.#events.push(event);
    }
  }

  /** Resolves once the consumer has handled every event pushed so far (it asks for the next with none left). */
  whenDrained(): Promise<void> {
    if (this.#index >= this.#events.length || this.#done) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #finish(error: unknown): void {
    this.#done = true;
    this.#wakeDrainWaiters();
    this.#error = error;
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    if (error === undefined) waiter.resolve({ value: undefined, done: true });
    else waiter.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterator<PipelineEvent> {
    if (this.#iterating)
      throw new TramaError("A pipeline stream can be iterated only once: start another run to read it again.");
    this.#iterating = true;
    return this;
  }

  next(): Promise<IteratorResult<PipelineEvent>> {
    if (this.#index < this.#events.length) {
      const event = this.#events[this.#index++]!;
      // Drop what was read, so a long stream of chunks does not pile up.
      if (this.#index === this.#events.length) {
        this.#events = [];
        this.#index = 0;
      }
      return Promise.resolve({ value: event, done: false });
    }
    if (this.#done) {
      return this.#error === undefined
        ? Promise.resolve({ value: undefined, done: true })
        : Promise.reject(this.#error);
    }
    // The consumer asks for more with nothing buffered: it has handled every event so far.
    this.#wakeDrainWaiters();
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  #wakeDrainWaiters(): void {
    if (this.#drainWaiters.length === 0) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Called when the consumer leaves the loop early: cancels the run. */
  return(): Promise<IteratorResult<PipelineEvent>> {
    if (!this.#done)
      this.#controller.abort(new PipelineAbortedError("The consumer stopped reading the pipeline stream."));
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Cancels the run. */
  cancel(reason?: unknown): void {
    this.#controller.abort(reason);
  }
}
