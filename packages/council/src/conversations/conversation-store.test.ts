import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CouncilEvent } from "../council-events.js";
import { sampleRun } from "./__fixtures__/sample-run.js";
import { coalesceEvents } from "./coalesce-events.js";
import { ConversationStore } from "./conversation-store.js";
import { ConversationStoreError } from "./conversation-store-error.js";
import { defaultConversationDatabase, defaultDataDir } from "./data-dir.js";
import { schemaVersion } from "./schema.js";

let folder: string;
let store: ConversationStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "trama-conversations-"));
  store = ConversationStore.open({ path: join(folder, "nested", "council.db") });
});
afterEach(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Replays stored events the way a page does: each member's text per stage. */
function textsOf(events: readonly CouncilEvent[]): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const event of events)
    if (event.type === "member-delta") {
      const key = `${event.stage}:${event.member}`;
      texts[key] = (texts[key] ?? "") + event.text;
    }
  return texts;
}

function storeRun(question: string, conversationId = store.createConversation().id) {
  const { events, result } = sampleRun(question);
  const turn = store.startTurn({ conversationId, question });
  store.appendEvents(turn.id, events.slice(0, 10));
  store.finishTurn(turn.id, { result, events: events.slice(10) });
  return { conversationId, turn, events, result };
}

describe("ConversationStore", () => {
  it("keeps a run so a reloaded turn replays what was streamed, with the whole result", () => {
    const { conversationId, turn, events, result } = storeRun("Why is the sky blue?");
    store.close();
    store = ConversationStore.open({ path: join(folder, "nested", "council.db") });
    const conversation = store.getConversation(conversationId)!;
    expect(conversation).toMatchObject({ turnCount: 1, lastStatus: "complete" });
    const stored = conversation.turns[0]!;
    expect(stored).toMatchObject({ id: turn.id, position: 0, question: "Why is the sky blue?", status: "complete" });
    expect(stored.result).toEqual(result);
    expect(stored.events.some((event) => event.type === "council-end")).toBe(false);
    // Deltas are merged, yet every member's streamed text is intact, including gamma's review cut short by its error.
    expect(stored.events.length).toBeLessThan(events.length - 1);
    expect(textsOf(stored.events)).toEqual(textsOf(events));
    expect(textsOf(stored.events)["review:gamma"]).toBe("Response A is");
    expect(stored.events.map((event) => event.type).filter((type) => type !== "member-delta")).toEqual(
      events.map((event) => event.type).filter((type) => type !== "member-delta" && type !== "council-end"),
    );
  });

  it("stores every piece of a run's metadata as rows: calls, ballots with label maps, the ranking", () => {
    const { turn } = storeRun("Why is the sky blue?");
    const calls = store.query<{ stage: string; member: string; output_tokens: number; cost: number; error: string }>(
      "SELECT stage, member, output_tokens, cost, error FROM turn_calls WHERE turn_id = ? ORDER BY rowid",
      turn.id,
    );
    expect(calls.map((call) => `${call.stage}:${call.member}`)).toEqual([
      "answer:alpha",
      "answer:beta",
      "answer:gamma",
      "review:alpha",
      "review:beta",
      "chairman:alpha",
      "review:gamma",
    ]);
    expect(calls[0]).toMatchObject({ output_tokens: 12, cost: 0.0001, error: null });
    expect(calls[6]!.error).toMatch(/HTTP 500/);
    const ballots = store.query<{ reviewer: string; status: string; labels_json: string }>(
      "SELECT reviewer, status, labels_json FROM turn_ballots WHERE turn_id = ? ORDER BY reviewer",
      turn.id,
    );
    expect(ballots.map((ballot) => ballot.status)).toEqual(["complete", "partial"]);
    expect(JSON.parse(ballots[0]!.labels_json)[0]).toEqual({ label: "A", member: "beta" });
    const ranking = store.query(
      "SELECT member, place, borda FROM turn_rankings WHERE turn_id = ? ORDER BY place",
      turn.id,
    );
    expect(ranking).toEqual([
      { member: "beta", place: 1, borda: 1 },
      { member: "alpha", place: 2, borda: 0.75 },
      { member: "gamma", place: 3, borda: 0 },
    ]);
    const [row] = store.query("SELECT chairman, chairman_role, seed FROM turns WHERE id = ?", turn.id);
    expect(row).toEqual({ chairman: "alpha", chairman_role: "chairman", seed: 42 });
    expect(() => store.query("DELETE FROM turns")).toThrow(/reads only/);
  });

  it("gives follow-ups the answered turns as history, in order", () => {
    const { conversationId } = storeRun("Why is the sky blue?");
    const second = store.startTurn({ conversationId, question: "And sunsets?" });
    expect(second.position).toBe(1);
    expect(store.history(conversationId)).toEqual([
      { question: "Why is the sky blue?", answer: "The sky is blue because of **Rayleigh scattering**." },
    ]);
    store.finishTurn(second.id, {
      result: { ...sampleRun("And sunsets?").result, status: "cancelled", final: undefined },
    });
    expect(store.history(conversationId)).toHaveLength(1);
    expect(store.getConversation(conversationId)!.lastStatus).toBe("cancelled");
  });

  it("finds conversations by title and by content, whatever is typed, and lists them newest first", () => {
    const sky = storeRun("Why is the sky blue?").conversationId;
    store.renameConversation(sky, "Atmosphere questions");
    const pasta = store.createConversation({ title: "Carbonara perché è così buona" }).id;
    store.startTurn({ conversationId: pasta, question: "Guanciale or pancetta?" });
    expect(store.listConversations().map((item) => item.id)).toEqual([pasta, sky]);
    expect(store.listConversations({ query: "atmos" }).map((item) => item.id)).toEqual([sky]);
    expect(store.listConversations({ query: "rayleigh scatter" }).map((item) => item.id)).toEqual([sky]);
    expect(store.listConversations({ query: "perche" }).map((item) => item.id)).toEqual([pasta]);
    expect(store.listConversations({ query: "GUANCIALE" }).map((item) => item.id)).toEqual([pasta]);
    expect(store.listConversations({ query: '"sky" -(*:^' }).map((item) => item.id)).toEqual([sky]);
    expect(store.listConversations({ query: "nothing-like-this" })).toEqual([]);
    expect(store.listConversations({ query: "  " })).toHaveLength(2);
  });

  it("deletes a conversation with everything stored about it", () => {
    const { conversationId, turn } = storeRun("Why is the sky blue?");
    const other = storeRun("Why is grass green?").conversationId;
    store.renameConversation(conversationId, "Zebra crossings");
    expect(store.listConversations({ query: "zebra" })).toHaveLength(1);
    expect(store.deleteConversation(conversationId)).toBe(true);
    expect(store.deleteConversation(conversationId)).toBe(false);
    expect(store.getConversation(conversationId)).toBeUndefined();
    for (const table of ["turns", "turn_events", "turn_calls", "turn_ballots", "turn_rankings"])
      expect(store.query(`SELECT * FROM ${table} WHERE ${table === "turns" ? "id" : "turn_id"} = ?`, turn.id)).toEqual(
        [],
      );
    expect(store.listConversations({ query: "zebra" })).toEqual([]);
    expect(store.listConversations().map((item) => item.id)).toEqual([other]);
  });

  it("marks turns left running by a stopped server as interrupted, keeping what was streamed", () => {
    const conversationId = store.createConversation().id;
    const turn = store.startTurn({ conversationId, question: "Long one?" });
    store.appendEvents(turn.id, sampleRun().events.slice(0, 12));
    store.close();
    store = ConversationStore.open({ path: join(folder, "nested", "council.db") });
    const stored = store.getTurn(turn.id)!;
    expect(stored.status).toBe("interrupted");
    expect(stored.error).toBe("The server stopped before the council finished.");
    expect(stored.result).toBeUndefined();
    expect(stored.events.length).toBeGreaterThan(0);
  });

  it("leaves stored conversations intact when a write fails, and names the conversation that is missing", () => {
    const { conversationId } = storeRun("Why is the sky blue?");
    expect(() => store.startTurn({ conversationId: "nope", question: "?" })).toThrow(ConversationStoreError);
    expect(() => store.renameConversation("nope", "x")).toThrow(/There is no conversation nope in .*council\.db/);
    const turn = store.startTurn({ conversationId, question: "Half written?" });
    const cyclic: any = { type: "title-ready", title: "t" };
    cyclic.self = cyclic;
    expect(() => store.finishTurn(turn.id, { result: sampleRun().result, events: [cyclic] })).toThrow(
      /Cannot store the result of turn .* Nothing was changed/s,
    );
    const unchanged = store.getTurn(turn.id)!;
    expect(unchanged).toMatchObject({ status: "running", events: [] });
    expect(store.query("SELECT * FROM turn_calls WHERE turn_id = ?", turn.id)).toEqual([]);
  });

  it("versions its schema and refuses a database from a newer Trama", () => {
    const path = join(folder, "newer.db");
    const database = new Database(path);
    database.pragma(`user_version = ${schemaVersion + 1}`);
    database.close();
    expect(() => ConversationStore.open({ path })).toThrow(/schema version 2, newer than this Trama knows \(1\)/);
    expect(store.query("PRAGMA user_version")).toEqual([{ user_version: schemaVersion }]);
  });

  it("says which folder it cannot write to", () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a file where the folder should be fails for everyone.
      const blocker = join(folder, "file");
      new Database(blocker).close();
      expect(() => ConversationStore.open({ path: join(blocker, "council.db") })).toThrow(
        /Cannot open the conversation database .*file\/council\.db.*TRAMA_DATA_DIR/,
      );
      return;
    }
    const locked = join(folder, "locked");
    store.close();
    chmodSync(folder, 0o500);
    try {
      expect(() => ConversationStore.open({ path: join(locked, "council.db") })).toThrow(ConversationStoreError);
    } finally {
      chmodSync(folder, 0o700);
      store = ConversationStore.open({ path: join(folder, "nested", "council.db") });
    }
  });
});

describe("defaultDataDir", () => {
  it("is TRAMA_DATA_DIR, else XDG_DATA_HOME/trama, else ~/.local/share/trama", () => {
    expect(defaultDataDir({ TRAMA_DATA_DIR: "/data/t", XDG_DATA_HOME: "/xdg" })).toBe("/data/t");
    expect(defaultDataDir({ XDG_DATA_HOME: "/xdg" })).toBe("/xdg/trama");
    expect(defaultDataDir({})).toMatch(/\.local\/share\/trama$/);
    expect(defaultConversationDatabase({ TRAMA_DATA_DIR: "/data/t" })).toBe("/data/t/council.db");
  });
});

describe("coalesceEvents", () => {
  it("merges a member's deltas but never across that member's other events", () => {
    const delta = (member: string, text: string): CouncilEvent => ({
      type: "member-delta",
      stage: "answer",
      member,
      text,
    });
    const merged = coalesceEvents([
      delta("a", "1"),
      delta("b", "x"),
      delta("a", "2"),
      {
        type: "member-error",
        stage: "answer",
        member: "a",
        error: { stage: "answer", member: "a", model: "m", message: "e", name: "E" },
      },
      delta("a", "3"),
      delta("b", "y"),
    ]);
    expect(
      merged.map((event) => (event.type === "member-delta" ? `${event.member}:${event.text}` : event.type)),
    ).toEqual(["a:12", "b:xy", "member-error", "a:3"]);
  });
});
