import type { StoredTurn, TurnStatus } from "../conversations/conversation-types.js";
import type { CouncilEvent } from "../council-events.js";

/** How a live turn ended, once it is stored. */
export interface TurnEnding {
  status: TurnStatus;
  /** Why the run has no result, when it has none. */
  error?: string;
}

/** Receives a live turn's events: every event so far at once, then each new one, then the ending. */
export interface TurnListener {
  event(event: CouncilEvent): void;
  end(ending: TurnEnding): void;
}

/**
 * A council run in progress in the server, independent of any connection: pages subscribe to it (and re-subscribe
 * after a reload), and it goes on, and is stored, when they go away. Only `stop` or shutdown cancel it.
 */
export class LiveTurn {
  readonly #events: CouncilEvent[] = [];
  readonly #listeners = new Set<TurnListener>();
  readonly #controller = new AbortController();
  #ending: TurnEnding | undefined;

  constructor(
    /** The turn as stored when it started. */
    readonly turn: StoredTurn,
    /** The conversation's title when the turn started (a first question names its conversation). */
    readonly conversationTitle: string,
  ) {}

  /** Aborted by `stop`: the run's signal. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the turn has ended and been stored. */
  get ended(): boolean {
    return this.#ending !== undefined;
  }

  /** Cancels the run; it ends as `cancelled`, keeping what was done. */
  stop(reason: unknown): void {
    this.#controller.abort(reason);
  }

  /** Records an event and passes it to every listener. */
  push(event: CouncilEvent): void {
    this.#events.push(event);
    for (const listener of this.#listeners) listener.event(event);
  }

  /** Marks the turn as ended and stored, and tells every listener. */
  finish(ending: TurnEnding): void {
    this.#ending = ending;
    for (const listener of this.#listeners) listener.end(ending);
    this.#listeners.clear();
  }

  /** Replays every event so far to `listener`, then passes it the new ones; returns the unsubscribe function. */
  subscribe(listener: TurnListener): () => void {
    for (const event of this.#events) listener.event(event);
    if (this.#ending) {
      listener.end(this.#ending);
      return () => {};
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
