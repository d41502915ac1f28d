import { TramaError } from "@trama/core";
import { HttpError, type ServerLog } from "@trama/server";
import type { ConversationStore } from "../conversations/conversation-store.js";
import type { CouncilConfig } from "../council-config.js";
import type { CouncilEvent } from "../council-events.js";
import { runCouncil } from "../run-council.js";
import { LiveTurn } from "./live-turn.js";

/** The council configuration, or a function that provides it when the first question comes (it may probe Ollama). */
export type CouncilConfigSource = CouncilConfig | (() => CouncilConfig | Promise<CouncilConfig>);

/** The title a conversation gets from its first question, until the title model names it. */
export function titleFromQuestion(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  return line.length <= 80 ? line : `${line.slice(0, 79).trimEnd()}…`;
}

/**
 * The council runs of a server: starts a run for a question in a conversation, streams its events to whoever
 * subscribes, stores them as they come (at each stage's end) and stores the result at the end. One run at a time per
 * conversation. Aborting `signal` (shutdown) cancels every run; `close` waits until all are stored.
 */
export class CouncilRuns {
  readonly #live = new Map<string, LiveTurn>();
  readonly #done = new Set<Promise<void>>();
  readonly #store: ConversationStore;
  readonly #config: CouncilConfigSource;
  readonly #log: ServerLog;
  readonly #signal: AbortSignal;

  constructor(options: { store: ConversationStore; config: CouncilConfigSource; signal: AbortSignal; log: ServerLog }) {
    this.#store = options.store;
    this.#config = options.config;
    this.#log = options.log;
    this.#signal = options.signal;
  }

  /** The run in progress in a conversation, if any. */
  running(conversationId: string): LiveTurn | undefined {
    return this.#live.get(conversationId);
  }

  /** Stops the run in progress in a conversation; false when none runs. */
  stop(conversationId: string): boolean {
    const live = this.#live.get(conversationId);
    if (!live) return false;
    live.stop(new TramaError("Stopped from the web app."));
    return true;
  }

  /** Stops the run of a conversation, if any, and resolves once it is stored. */
  async stopAndWait(conversationId: string): Promise<void> {
    const live = this.#live.get(conversationId);
    if (!live) return;
    const ended = new Promise<void>((resolve) => live.subscribe({ event: () => {}, end: () => resolve() }));
    live.stop(new TramaError("The conversation was deleted."));
    await ended;
  }

  /**
   * Asks the council `question` in a conversation, as a follow-up when it has answered turns. Throws `HttpError`
   * 404 when the conversation does not exist and 409 when a run is already in progress in it.
   */
  start(options: { conversationId: string; question: string }): LiveTurn {
    const { conversationId, question } = options;
    if (this.#signal.aborted)
      throw new HttpError(503, "shutting_down", "The server is shutting down; ask again after it restarts.");
    if (this.#live.has(conversationId))
      throw new HttpError(
        409,
        "busy",
        "The council is still answering in this conversation: wait for it, or stop it, before asking again.",
      );
    const conversation = this.#store.getConversation(conversationId);
    if (!conversation)
      throw new HttpError(404, "not_found", `There is no conversation ${conversationId}; it may have been deleted.`);
    const history = this.#store.history(conversationId);
    const turn = this.#store.startTurn({ conversationId, question });
    let title = conversation.title;
    if (conversation.turnCount === 0 && title === "New conversation") {
      title = titleFromQuestion(question);
      this.#store.renameConversation(conversationId, title);
    }
    const live = new LiveTurn(turn, title);
    this.#live.set(conversationId, live);
    const done = this.#run(live, { question, history, firstTurn: conversation.turnCount === 0 }).finally(() => {
      this.#live.delete(conversationId);
      this.#done.delete(done);
    });
    this.#done.add(done);
    return live;
  }

  async #run(
    live: LiveTurn,
    input: { question: string; history: Array<{ question: string; answer: string }>; firstTurn: boolean },
  ): Promise<void> {
    const turnId = live.turn.id;
    let unsaved: CouncilEvent[] = [];
    const onShutdown = () => live.stop(new TramaError("The server is shutting down."));
    this.#signal.addEventListener("abort", onShutdown, { once: true });
    try {
      const config = typeof this.#config === "function" ? await this.#config() : this.#config;
      const run = runCouncil(
        config,
        { question: input.question, history: input.history },
        { signal: live.signal, title: input.firstTurn },
      );
      for await (const event of run) {
        if (event.type === "council-end") continue;
        unsaved.push(event);
        live.push(event);
        if (event.type === "title-ready") this.#store.renameConversation(live.turn.conversationId, event.title);
        if (event.type === "stage-end") {
          this.#store.appendEvents(turnId, unsaved);
          unsaved = [];
        }
      }
      const result = await run.result;
      this.#store.finishTurn(turnId, { result, events: unsaved });
      live.push({ type: "council-end", result });
      live.finish({ status: result.status });
    } catch (error) {
      const message = TramaError.isInstance(error)
        ? error.message
        : `The council failed unexpectedly: ${(error as Error)?.message ?? error}. This is a bug in Trama.`;
      if (!TramaError.isInstance(error)) this.#log(`council run ${turnId}: ${(error as Error)?.stack ?? error}`);
      try {
        this.#store.finishTurn(turnId, { events: unsaved, status: "failed", error: message });
      } catch (storeError) {
        this.#log(`council run ${turnId}: cannot store its failure: ${(storeError as Error).message}`);
      }
      live.finish({ status: "failed", error: message });
    } finally {
      this.#signal.removeEventListener("abort", onShutdown);
    }
  }

  /** Resolves once every run has ended and been stored (after shutdown has cancelled them). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#done]);
  }
}
