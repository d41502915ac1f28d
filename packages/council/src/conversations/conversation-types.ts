import type { CouncilEvent } from "../council-events.js";
import type { CouncilResult } from "../council-result.js";

/**
 * Where a turn stands: `running` while the council works; then the result's status (`complete`, `failed`,
 * `cancelled`); `interrupted` when the server stopped before the run could end (what was streamed is kept).
 */
export type TurnStatus = "running" | "complete" | "failed" | "cancelled" | "interrupted";

/** A conversation as the list shows it. */
export interface ConversationSummary {
  id: string;
  title: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601: the last question asked, or the last rename. */
  updatedAt: string;
  turnCount: number;
  /** The status of the latest turn, if any. */
  lastStatus?: TurnStatus;
}

/** One question asked in a conversation, and what the council did with it. */
export interface StoredTurn {
  id: string;
  conversationId: string;
  /** 0 for the first question, then 1, 2, … */
  position: number;
  question: string;
  status: TurnStatus;
  /**
   * The run's events as they were streamed (token deltas merged), without the final `council-end`; replay them, then
   * `{ type: "council-end", result }` when there is a result, to show the turn as it was shown live.
   */
  events: CouncilEvent[];
  /** The whole result, once the run has ended. */
  result?: CouncilResult;
  /** Why the run could not start or end (a council that cannot be set up, a server stopped mid-run). */
  error?: string;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
}

/** A conversation with every turn, oldest first. */
export interface StoredConversation extends ConversationSummary {
  turns: StoredTurn[];
}
