import { type AppContext, HttpError, readJsonBody, streamEvents, stringField } from "@trama/server";
import type { Context, Hono } from "hono";
import type { ConversationStore } from "../conversations/conversation-store.js";
import { conversationToJSON, conversationToMarkdown } from "../conversations/export-conversation.js";
import { setUpCouncil } from "../council-setup.js";
import type { CouncilDescriptionSource } from "./council-app.js";
import type { CouncilRuns } from "./council-runs.js";
import type { LiveTurn } from "./live-turn.js";

/** The longest question accepted, in characters. */
export const maxQuestionLength = 20_000;

function conversationOf(store: ConversationStore, context: Context) {
  const id = context.req.param("id") ?? "";
  const conversation = store.getConversation(id);
  if (!conversation) throw new HttpError(404, "not_found", `There is no conversation ${id}; it may have been deleted.`);
  return conversation;
}

/** A file name for a conversation's export: its title in lowercase words, safe on every system. */
function exportName(title: string, extension: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60);
  return `${base || "conversation"}.${extension}`;
}

/**
 * Streams a live turn to a page as server-sent events: `turn` (which turn this is, and the conversation's title), one `council` event per council
 * event (the ones so far first, when re-attaching), then `stored` once the turn is stored. The run does not depend on
 * the connection: closing it only stops the stream.
 */
function streamTurn(context: Context, live: LiveTurn, app: AppContext): Response {
  return streamEvents(
    context,
    async (stream) => {
      const { events, ...turn } = live.turn;
      stream.send({ event: "turn", data: { ...turn, conversationTitle: live.conversationTitle } });
      await new Promise<void>((resolve) => {
        const unsubscribe = live.subscribe({
          event: (event) => void stream.send({ event: "council", data: event }),
          end: (ending) => {
            stream.send({ event: "stored", data: { turnId: live.turn.id, ...ending } });
            resolve();
          },
        });
        stream.signal.addEventListener("abort", () => {
          unsubscribe();
          resolve();
        });
      });
    },
    { signal: app.signal },
  );
}

/**
 * The council app's API, under `api/`:
 *
 * - `GET conversations?q=` lists conversations (searched by title, questions and answers when `q` is given);
 *   `POST conversations` `{ title? }` creates one.
 * - `GET conversations/:id` is a conversation with every turn (events and result); `DELETE` removes it, stopping
 *   its run first.
 * - `POST conversations/:id/turns` `{ question }` asks the council (a follow-up after the first turn) and streams the
 *   run as server-sent events; `GET conversations/:id/live` re-attaches to the run in progress.
 * - `POST conversations/:id/stop` stops the run in progress.
 * - `GET conversations/:id/export.md` and `export.json` download the conversation.
 * - `GET council` names the members and the chairman who would answer, with notes (or why the council cannot run).
 */
export function councilRoutes(options: {
  app: Hono;
  store: ConversationStore;
  runs: CouncilRuns;
  context: AppContext;
  describe?: () => CouncilDescriptionSource | Promise<CouncilDescriptionSource>;
}) {
  const { app, store, runs, context, describe } = options;

  app.get("/api/council", async (request) => request.json(await describeCouncil(describe)));

  app.get("/api/conversations", (request) => {
    const query = request.req.query("q");
    return request.json({ conversations: store.listConversations(query ? { query } : {}) });
  });

  app.post("/api/conversations", async (request) => {
    const body = await readJsonBody(request);
    const title = stringField(body, "title", { maxLength: 200 });
    return request.json({ conversation: store.createConversation(title ? { title } : {}) }, 201);
  });

  app.get("/api/conversations/:id", (request) => {
    const conversation = conversationOf(store, request);
    const live = runs.running(conversation.id);
    return request.json({ conversation, ...(live ? { running: live.turn.id } : {}) });
  });

  app.delete("/api/conversations/:id", async (request) => {
    const id = request.req.param("id");
    await runs.stopAndWait(id);
    if (!store.deleteConversation(id))
      throw new HttpError(404, "not_found", `There is no conversation ${id}; it may have been deleted already.`);
    return request.json({ deleted: id });
  });

  app.post("/api/conversations/:id/turns", async (request) => {
    const body = await readJsonBody(request);
    const question = stringField(body, "question", { required: true, maxLength: maxQuestionLength })!;
    const live = runs.start({ conversationId: request.req.param("id"), question });
    return streamTurn(request, live, context);
  });

  app.get("/api/conversations/:id/live", (request) => {
    const live = runs.running(request.req.param("id"));
    if (!live) throw new HttpError(404, "not_running", "No council is running in this conversation now.");
    return streamTurn(request, live, context);
  });

  app.post("/api/conversations/:id/stop", (request) => request.json({ stopped: runs.stop(request.req.param("id")) }));

  app.get("/api/conversations/:id/export.md", (request) => {
    const conversation = conversationOf(store, request);
    return request.body(conversationToMarkdown(conversation), 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${exportName(conversation.title, "md")}"`,
    });
  });

  app.get("/api/conversations/:id/export.json", (request) => {
    const conversation = conversationOf(store, request);
    return request.body(`${JSON.stringify(conversationToJSON(conversation), null, 2)}\n`, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${exportName(conversation.title, "json")}"`,
    });
  });
}

/** Who would answer: the members' and chairman's names and the notes, or an empty council with why. */
async function describeCouncil(
  describe: (() => CouncilDescriptionSource | Promise<CouncilDescriptionSource>) | undefined,
): Promise<{ members: string[]; chairman?: string; notes: string[] }> {
  if (!describe) return { members: [], notes: [] };
  try {
    const { config, notes = [] } = await describe();
    const setup = setUpCouncil(config);
    return { members: setup.members.map((member) => member.name), chairman: setup.chairman.name, notes };
  } catch (error) {
    return { members: [], notes: [error instanceof Error ? error.message : String(error)] };
  }
}
