import type { PipelineEvent } from "./events.js";

/**
 * The events of one pipeline run as an async iterator, with the final outputs in `result`. Events are buffered, so
 * a slow consumer never slows the run; leaving the loop early cancels the run.
 */
export class PipelineStream<R> implements AsyncIterable<PipelineEvent> {
  /** The run's outputs; rejects with the run's error. */
  readonly result: Promise<R>;
  readonly #events: PipelineEvent[] = [];
  readonly #controller = new AbortController();
  #wake: (() => void) | undefined;
  #done = false;
  #error: unknown;
  #iterating = false;

  constructor(execute: (onEvent: (event: PipelineEvent) => void, signal: AbortSignal) => Promise<unknown>) {
    this.result = execute((event) => this.#push(event), this.#controller.signal).then(
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
    this.#events.push(event);
    this.#wake?.();
  }

  #finish(error: unknown): void {
    this.#done = true;
    this.#error = error;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<PipelineEvent> {
    if (this.#iterating) throw new Error("A pipeline stream can be iterated only once.");
    this.#iterating = true;
    let index = 0;
    try {
      for (;;) {
        while (index < this.#events.length) yield this.#events[index++]!;
        // Drop what was read, so a long stream of chunks does not pile up.
        this.#events.splice(0, index);
        index = 0;
        if (this.#done) {
          if (this.#error !== undefined) throw this.#error;
          return;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
    } finally {
      if (!this.#done) this.#controller.abort(new Error("The consumer stopped reading the pipeline stream."));
    }
  }

  /** Cancels the run. */
  cancel(reason?: unknown): void {
    this.#controller.abort(reason);
  }
}
