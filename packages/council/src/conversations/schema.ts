import type Database from "better-sqlite3";
import { ConversationStoreError } from "./conversation-store-error.js";

/**
 * The schema of the conversation database, as migrations: entry `n` takes a database from version `n` to `n + 1`
 * (SQLite's `user_version`). Append new migrations; never edit a published one.
 *
 * - `conversations`, `turns`: the conversation and each question asked in it, with the run's status and its whole
 *   `CouncilResult` as JSON (the record that renders and exports a turn).
 * - `turn_events`: the run's events as they were streamed (token deltas merged), so a reloaded turn replays exactly
 *   what was shown live, including a member's partial answer before it failed.
 * - `turn_calls`, `turn_ballots`, `turn_rankings`: the result's metadata as rows (per call: text, tokens, cost,
 *   latency, error; per review: label map, ballot; per member: Borda, average rank), for queries across conversations.
 * - `search`: an FTS5 index of titles, questions and answers.
 */
const migrations: string[] = [
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE turns (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled', 'interrupted')),
    final_answer TEXT,
    chairman TEXT,
    chairman_role TEXT,
    fallback_reason TEXT,
    seed INTEGER,
    result_json TEXT,
    error TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    duration_ms INTEGER,
    UNIQUE (conversation_id, position)
  );
  CREATE TABLE turn_events (
    turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event_json TEXT NOT NULL,
    PRIMARY KEY (turn_id, seq)
  );
  CREATE TABLE turn_calls (
    turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    member TEXT NOT NULL,
    model TEXT NOT NULL,
    text TEXT,
    reasoning TEXT,
    input_tokens INTEGER,
    output_tokens INTEGER,
    reasoning_tokens INTEGER,
    cost REAL,
    latency_ms INTEGER,
    first_token_ms INTEGER,
    finish_reason TEXT,
    error TEXT,
    error_status INTEGER
  );
  CREATE INDEX turn_calls_turn ON turn_calls(turn_id);
  CREATE TABLE turn_ballots (
    turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    status TEXT NOT NULL,
    format TEXT,
    problem TEXT,
    labels_json TEXT NOT NULL,
    ranking_json TEXT NOT NULL,
    ranked_members_json TEXT NOT NULL,
    PRIMARY KEY (turn_id, reviewer)
  );
  CREATE TABLE turn_rankings (
    turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
    member TEXT NOT NULL,
    place INTEGER NOT NULL,
    borda REAL NOT NULL,
    average_rank REAL,
    ballots REAL NOT NULL,
    first_places INTEGER NOT NULL,
    self_rank INTEGER,
    PRIMARY KEY (turn_id, member)
  );
  CREATE VIRTUAL TABLE search USING fts5(
    title, body, conversation_id UNINDEXED, turn_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  `,
];

/** The schema version this code reads and writes. */
export const schemaVersion = migrations.length;

/**
 * Brings the database at `path` to `schemaVersion`, each migration in its own transaction. Throws
 * `ConversationStoreError` for a database written by a newer Trama, which this one must not touch.
 */
export function migrate(database: Database.Database, path: string): void {
  const current = database.pragma("user_version", { simple: true }) as number;
  if (current > schemaVersion)
    throw new ConversationStoreError(
      `The conversation database ${path} has schema version ${current}, newer than this Trama knows (${schemaVersion}). Upgrade Trama, or point TRAMA_DATA_DIR at another folder.`,
    );
  for (let version = current; version < schemaVersion; version++) {
    database.transaction(() => {
      database.exec(migrations[version]!);
      database.pragma(`user_version = ${version + 1}`);
    })();
  }
}
