import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { TramaError } from "@trama/core";
import Database from "better-sqlite3";
import type { CouncilTurn } from "../council-config.js";
import type { CouncilEvent } from "../council-events.js";
import type { CouncilResult } from "../council-result.js";
import { coalesceEvents } from "./coalesce-events.js";
import { ConversationStoreError } from "./conversation-store-error.js";
import type { ConversationSummary, StoredConversation, StoredTurn, TurnStatus } from "./conversation-types.js";
import { defaultConversationDatabase } from "./data-dir.js";
import { ballotRows, callRows, rankingRows, searchBody } from "./result-rows.js";
import { migrate } from "./schema.js";
import { ftsQuery } from "./search-query.js";

/** Options of `ConversationStore.open`. */
export interface ConversationStoreOptions {
  /** The database file; its folder is created. Default: `council.db` in the data folder (`defaultDataDir`). */
  path?: string;
  /** The environment the default path is read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

interface TurnRow {
  id: string;
  conversation_id: string;
  position: number;
  question: string;
  status: TurnStatus;
  result_json: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

const summaryColumns = `
  c.id, c.title, c.created_at AS createdAt, c.updated_at AS updatedAt,
  (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id) AS turnCount,
  (SELECT status FROM turns t WHERE t.conversation_id = c.id ORDER BY position DESC LIMIT 1) AS lastStatus`;

/**
 * The council's conversations in SQLite: conversations, their turns, each run's streamed events and whole result,
 * the result's metadata as rows (calls with tokens, cost and latency; ballots with label maps; the aggregate ranking),
 * and a full-text index of titles, questions and answers.
 *
 * Every write is one transaction, so a failed write leaves the stored conversations as they were. Turns still
 * `running` when a store opens belonged to a server that stopped mid-run; they are marked `interrupted`.
 */
export class ConversationStore {
  readonly #database: Database.Database;
  /** The database file. */
  readonly path: string;

  private constructor(database: Database.Database, path: string) {
    this.#database = database;
    this.path = path;
  }

  /** Opens (creating if needed) the conversation database and brings its schema up to date. */
  static open(options: ConversationStoreOptions = {}): ConversationStore {
    const path = options.path ?? defaultConversationDatabase(options.env);
    let database: Database.Database | undefined;
    try {
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      database = new Database(path);
      database.pragma("journal_mode = WAL");
      database.pragma("foreign_keys = ON");
      database.pragma("busy_timeout = 5000");
      migrate(database, path);
      database
        .prepare(
          "UPDATE turns SET status = 'interrupted', finished_at = ?, error = 'The server stopped before the council finished.' WHERE status = 'running'",
        )
        .run(new Date().toISOString());
    } catch (error) {
      database?.close();
      if (TramaError.isInstance(error)) throw error;
      throw new ConversationStoreError(
        `Cannot open the conversation database ${path}: ${(error as Error).message}. Check that the folder is writable, or set TRAMA_DATA_DIR to another folder.`,
        { cause: error },
      );
    }
    return new ConversationStore(database, path);
  }

  /** Runs `work` in one transaction, turning database failures into errors that name the file and the action. */
  #write<T>(action: string, work: () => T): T {
    try {
      return this.#database.transaction(work)();
    } catch (error) {
      if (TramaError.isInstance(error)) throw error;
      throw new ConversationStoreError(
        `Cannot ${action} in ${this.path}: ${(error as Error).message}. Nothing was changed; check the disk space and the file's permissions.`,
        { cause: error },
      );
    }
  }

  /** Creates an empty conversation. */
  createConversation(options: { title?: string } = {}): ConversationSummary {
    const now = new Date().toISOString();
    const conversation = { id: randomUUID(), title: options.title?.trim() || "New conversation", now };
    this.#write("create a conversation", () => {
      this.#database
        .prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)")
        .run(conversation.id, conversation.title, now, now);
      this.#database
        .prepare("INSERT INTO search (title, body, conversation_id, turn_id) VALUES (?, '', ?, NULL)")
        .run(conversation.title, conversation.id);
    });
    return { id: conversation.id, title: conversation.title, createdAt: now, updatedAt: now, turnCount: 0 };
  }

  /** Gives a conversation a new title. Throws `ConversationStoreError` when it does not exist. */
  renameConversation(id: string, title: string): void {
    this.#write(`rename the conversation ${id}`, () => {
      const changed = this.#database
        .prepare("UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?")
        .run(title, new Date().toISOString(), id).changes;
      if (changed === 0) throw this.#missing(id);
      this.#database
        .prepare("UPDATE search SET title = ? WHERE conversation_id = ? AND turn_id IS NULL")
        .run(title, id);
    });
  }

  /**
   * Conversations, most recently updated first; with `query`, only those whose title, questions or answers contain
   * every word of it (or words starting with them), best matches first.
   */
  listConversations(options: { query?: string; limit?: number } = {}): ConversationSummary[] {
    const limit = options.limit ?? 200;
    const match = options.query === undefined ? undefined : ftsQuery(options.query);
    let rows: unknown[];
    if (match === undefined)
      rows = this.#database
        .prepare(`SELECT ${summaryColumns} FROM conversations c ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?`)
        .all(limit);
    else {
      // Best hit first; a conversation takes the place of its best-matching row (title weighs more than text).
      const hits = this.#database
        .prepare("SELECT conversation_id AS id FROM search WHERE search MATCH ? ORDER BY bm25(search, 4.0, 1.0)")
        .all(match) as Array<{ id: string }>;
      const ids = [...new Set(hits.map((hit) => hit.id))].slice(0, limit);
      const summary = this.#database.prepare(`SELECT ${summaryColumns} FROM conversations c WHERE c.id = ?`);
      rows = ids.map((id) => summary.get(id)).filter((row) => row !== undefined);
    }
    return (rows as Array<ConversationSummary & { lastStatus: TurnStatus | null }>).map((row) => {
      const { lastStatus, ...summary } = row;
      return lastStatus === null ? summary : { ...summary, lastStatus };
    });
  }

  /** A conversation with all its turns, or undefined when there is none with this id. */
  getConversation(id: string): StoredConversation | undefined {
    const summary = this.#database.prepare(`SELECT ${summaryColumns} FROM conversations c WHERE c.id = ?`).get(id) as
      | (ConversationSummary & { lastStatus: TurnStatus | null })
      | undefined;
    if (!summary) return undefined;
    const turns = (
      this.#database.prepare("SELECT * FROM turns WHERE conversation_id = ? ORDER BY position").all(id) as TurnRow[]
    ).map((row) => this.#turn(row));
    const { lastStatus, ...rest } = summary;
    return { ...rest, ...(lastStatus === null ? {} : { lastStatus }), turns };
  }

  /** One turn, or undefined. */
  getTurn(turnId: string): StoredTurn | undefined {
    const row = this.#database.prepare("SELECT * FROM turns WHERE id = ?").get(turnId) as TurnRow | undefined;
    return row && this.#turn(row);
  }

  #turn(row: TurnRow): StoredTurn {
    const events = (
      this.#database.prepare("SELECT event_json FROM turn_events WHERE turn_id = ? ORDER BY seq").all(row.id) as Array<{
        event_json: string;
      }>
    ).map((event) => this.#parse<CouncilEvent>(event.event_json, `an event of turn ${row.id}`));
    const turn: StoredTurn = {
      id: row.id,
      conversationId: row.conversation_id,
      position: row.position,
      question: row.question,
      status: row.status,
      events,
      startedAt: row.started_at,
    };
    if (row.result_json !== null)
      turn.result = this.#parse<CouncilResult>(row.result_json, `the result of turn ${row.id}`);
    if (row.error !== null) turn.error = row.error;
    if (row.finished_at !== null) turn.finishedAt = row.finished_at;
    return turn;
  }

  #parse<T>(text: string, what: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new ConversationStoreError(
        `${what} in ${this.path} is not valid JSON (${(error as Error).message}); the file was changed outside Trama.`,
      );
    }
  }

  /** Deletes a conversation with its turns and everything stored about them. False when there was none. */
  deleteConversation(id: string): boolean {
    return this.#write(`delete the conversation ${id}`, () => {
      this.#database.prepare("DELETE FROM search WHERE conversation_id = ?").run(id);
      return this.#database.prepare("DELETE FROM conversations WHERE id = ?").run(id).changes > 0;
    });
  }

  /** The earlier turns of a conversation that have a final answer, as a follow-up's history. */
  history(conversationId: string): CouncilTurn[] {
    return (
      this.#database
        .prepare(
          "SELECT question, final_answer FROM turns WHERE conversation_id = ? AND final_answer IS NOT NULL ORDER BY position",
        )
        .all(conversationId) as Array<{ question: string; final_answer: string }>
    ).map((row) => ({ question: row.question, answer: row.final_answer }));
  }

  /** Records a new question in a conversation, as a `running` turn after the others. */
  startTurn(options: { conversationId: string; question: string }): StoredTurn {
    const now = new Date().toISOString();
    return this.#write(`record a question in the conversation ${options.conversationId}`, () => {
      const exists = this.#database.prepare("SELECT 1 FROM conversations WHERE id = ?").get(options.conversationId);
      if (!exists) throw this.#missing(options.conversationId);
      const { next } = this.#database
        .prepare("SELECT COALESCE(MAX(position) + 1, 0) AS next FROM turns WHERE conversation_id = ?")
        .get(options.conversationId) as { next: number };
      const id = randomUUID();
      this.#database
        .prepare(
          "INSERT INTO turns (id, conversation_id, position, question, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)",
        )
        .run(id, options.conversationId, next, options.question, now);
      this.#database
        .prepare("INSERT INTO search (title, body, conversation_id, turn_id) VALUES ('', ?, ?, ?)")
        .run(options.question, options.conversationId, id);
      this.#database.prepare("UPDATE conversations SET updated_at = ? WHERE id = ?").run(now, options.conversationId);
      return {
        id,
        conversationId: options.conversationId,
        position: next,
        question: options.question,
        status: "running",
        events: [],
        startedAt: now,
      };
    });
  }

  /** Appends streamed events to a turn (token deltas merged), after those already stored. */
  appendEvents(turnId: string, events: readonly CouncilEvent[]): void {
    if (events.length === 0) return;
    this.#write(`store the events of turn ${turnId}`, () => this.#append(turnId, events));
  }

  #append(turnId: string, events: readonly CouncilEvent[]): void {
    const { next } = this.#database
      .prepare("SELECT COALESCE(MAX(seq) + 1, 0) AS next FROM turn_events WHERE turn_id = ?")
      .get(turnId) as { next: number };
    const insert = this.#database.prepare("INSERT INTO turn_events (turn_id, seq, event_json) VALUES (?, ?, ?)");
    coalesceEvents(events.filter((event) => event.type !== "council-end")).forEach((event, index) => {
      insert.run(turnId, next + index, JSON.stringify(event));
    });
  }

  /**
   * Ends a turn with its result, in one transaction: the last events, the result, its calls, ballots and ranking,
   * the search text, and the conversation's time. `status` defaults to the result's; without a result (the server
   * stopped first) the turn is `interrupted`. `error` says why a run has no result.
   */
  finishTurn(
    turnId: string,
    options: { result?: CouncilResult; events?: readonly CouncilEvent[]; status?: TurnStatus; error?: string },
  ): void {
    const now = new Date().toISOString();
    const { result } = options;
    this.#write(`store the result of turn ${turnId}`, () => {
      const turn = this.#database.prepare("SELECT conversation_id, question FROM turns WHERE id = ?").get(turnId) as
        | { conversation_id: string; question: string }
        | undefined;
      if (!turn)
        throw new ConversationStoreError(`There is no turn ${turnId} in ${this.path}; it may have been deleted.`);
      this.#append(turnId, options.events ?? []);
      this.#database
        .prepare(
          `UPDATE turns SET status = ?, final_answer = ?, chairman = ?, chairman_role = ?, fallback_reason = ?, seed = ?,
             result_json = ?, error = ?, finished_at = ?, duration_ms = ? WHERE id = ?`,
        )
        .run(
          options.status ?? result?.status ?? "interrupted",
          result?.final?.text ?? null,
          result?.final?.chairman ?? null,
          result?.final?.role ?? null,
          result?.final?.fallbackReason ?? null,
          result?.seed ?? null,
          result ? JSON.stringify(result) : null,
          options.error ?? null,
          now,
          result ? Math.round(result.durationMs) : null,
          turnId,
        );
      if (result) this.#insertRows(turnId, result);
      this.#database
        .prepare("UPDATE search SET body = ? WHERE turn_id = ?")
        .run(searchBody(turn.question, result), turnId);
      this.#database.prepare("UPDATE conversations SET updated_at = ? WHERE id = ?").run(now, turn.conversation_id);
    });
  }

  #insertRows(turnId: string, result: CouncilResult): void {
    const insertCall = this.#database.prepare(
      `INSERT INTO turn_calls (turn_id, stage, member, model, text, reasoning, input_tokens, output_tokens,
         reasoning_tokens, cost, latency_ms, first_token_ms, finish_reason, error, error_status)
       VALUES (@turn_id, @stage, @member, @model, @text, @reasoning, @input_tokens, @output_tokens, @reasoning_tokens,
         @cost, @latency_ms, @first_token_ms, @finish_reason, @error, @error_status)`,
    );
    for (const row of callRows(result)) insertCall.run({ turn_id: turnId, ...row });
    const insertBallot = this.#database.prepare(
      `INSERT INTO turn_ballots (turn_id, reviewer, status, format, problem, labels_json, ranking_json, ranked_members_json)
       VALUES (@turn_id, @reviewer, @status, @format, @problem, @labels_json, @ranking_json, @ranked_members_json)`,
    );
    for (const row of ballotRows(result)) insertBallot.run({ turn_id: turnId, ...row });
    const insertRanking = this.#database.prepare(
      `INSERT INTO turn_rankings (turn_id, member, place, borda, average_rank, ballots, first_places, self_rank)
       VALUES (@turn_id, @member, @place, @borda, @average_rank, @ballots, @first_places, @self_rank)`,
    );
    for (const row of rankingRows(result)) insertRanking.run({ turn_id: turnId, ...row });
  }

  /** Runs a read-only SQL query on the database, for reports across conversations (`turn_calls`, `turn_rankings`). */
  query<T = Record<string, unknown>>(sql: string, ...parameters: unknown[]): T[] {
    const statement = this.#database.prepare(sql);
    if (!statement.reader)
      throw new ConversationStoreError(`ConversationStore.query reads only; this statement writes: ${sql}`);
    return statement.all(...parameters) as T[];
  }

  #missing(id: string): ConversationStoreError {
    return new ConversationStoreError(`There is no conversation ${id} in ${this.path}; it may have been deleted.`);
  }

  /** Closes the database. */
  close(): void {
    this.#database.close();
  }
}
