// @ts-check
/**
 * The council page: wires the sidebar, the question box, the turns of the open conversation, the stop button and
 * the exports. The open conversation is in the address (`#c=<id>`), so a reload shows it again, re-attaching to a run
 * still in progress.
 * @module
 */
import { api } from "./api.js";
import { Sidebar } from "./sidebar.js";
import { applyCouncilEvent, closeOpenCalls, initialTurnState, stateOfStoredTurn } from "./turn-state.js";
import { TurnView } from "./turn-view.js";

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const page = {
  title: byId("conversation-title"),
  turns: byId("turns"),
  status: byId("status"),
  form: /** @type {HTMLFormElement} */ (byId("ask")),
  question: /** @type {HTMLTextAreaElement} */ (byId("question")),
  questionLabel: byId("question-label"),
  send: /** @type {HTMLButtonElement} */ (byId("send")),
  stop: /** @type {HTMLButtonElement} */ (byId("stop")),
  exportMarkdown: /** @type {HTMLAnchorElement} */ (byId("export-md")),
  exportJson: /** @type {HTMLAnchorElement} */ (byId("export-json")),
};

/** @type {{ conversationId: string | undefined, running: boolean, views: Map<string, TurnView> }} */
const current = { conversationId: undefined, running: false, views: new Map() };

/** @param {string} text */
function say(text) {
  page.status.textContent = text;
}

/** @param {unknown} error */
function showError(error) {
  say(error instanceof Error ? error.message : String(error));
  page.status.classList.add("error");
}

const sidebar = new Sidebar({
  list: byId("conversations"),
  empty: byId("conversations-empty"),
  search: /** @type {HTMLInputElement} */ (byId("search")),
  onOpen: (id) => void openConversation(id),
  onDelete: (conversation) => void deleteConversation(conversation),
  onError: showError,
});

/** Views waiting to be redrawn at the next frame. */
const dirty = new Set();
/** @param {TurnView} view */
function redraw(view) {
  if (dirty.size === 0)
    requestAnimationFrame(() => {
      for (const each of dirty) each.update();
      dirty.clear();
    });
  dirty.add(view);
}

/** @param {boolean} running */
function setRunning(running) {
  current.running = running;
  page.stop.hidden = !running;
  page.send.disabled = running;
  page.form.setAttribute("aria-busy", String(running));
}

/** @param {{ id: string, title: string, turnCount?: number } | undefined} conversation */
function showConversation(conversation) {
  current.conversationId = conversation?.id;
  current.views = new Map();
  page.title.textContent = conversation?.title ?? "New conversation";
  document.title = `${conversation?.title ?? "Council"} · Trama`;
  page.turns.replaceChildren();
  const id = conversation?.id;
  for (const link of [page.exportMarkdown, page.exportJson]) link.hidden = !id;
  if (id) {
    page.exportMarkdown.href = api.exportUrl(id, "md");
    page.exportJson.href = api.exportUrl(id, "json");
  }
  page.questionLabel.textContent = conversation?.turnCount ? "Follow-up question" : "Your question";
  sidebar.setCurrent(id);
  const hash = id ? `#c=${id}` : "";
  if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${location.search}${hash}`);
}

/**
 * Follows a streamed run: the `turn` event creates its view, `council` events update it, `stored` ends it.
 * @param {(onEvent: (event: any) => void) => Promise<void>} stream
 */
async function follow(stream) {
  setRunning(true);
  page.status.classList.remove("error");
  say("The council is working…");
  /** @type {TurnView | undefined} */
  let view;
  /** @type {any} */
  let ending;
  try {
    await stream((message) => {
      if (message.event === "turn") {
        view = new TurnView(initialTurnState(message.data));
        current.views.set(message.data.id, view);
        page.turns.append(view.root);
        page.title.textContent = message.data.conversationTitle;
        void sidebar.refresh();
      } else if (message.event === "council" && view) {
        applyCouncilEvent(view.state, message.data);
        if (message.data.type === "title-ready") {
          page.title.textContent = message.data.title;
          void sidebar.refresh();
        }
        redraw(view);
      } else if (message.event === "stored" && view) {
        ending = message.data;
        view.state.status = ending.status;
        if (ending.error) view.state.problem = ending.error;
        closeOpenCalls(view.state);
        redraw(view);
      } else if (message.event === "error") showError(message.data.message);
    });
    if (ending) say(ending.status === "complete" ? "The council has answered." : `The run ended: ${ending.status}.`);
    else say("The connection to the server was lost; reload to see the stored conversation.");
  } catch (error) {
    showError(error);
  } finally {
    setRunning(false);
    page.questionLabel.textContent = "Follow-up question";
    void sidebar.refresh();
  }
}

/** @param {string} id */
async function openConversation(id) {
  try {
    const { conversation, running } = await api.get(id);
    showConversation(conversation);
    for (const turn of conversation.turns) {
      if (turn.id === running) continue; // re-attached below, from its first event
      const view = new TurnView(stateOfStoredTurn(turn));
      current.views.set(turn.id, view);
      page.turns.append(view.root);
    }
    say(`${conversation.title}: ${conversation.turns.length} question${conversation.turns.length === 1 ? "" : "s"}.`);
    if (running) await follow((onEvent) => api.attach(id, onEvent));
  } catch (error) {
    showError(error);
  }
}

/** @param {{ id: string, title: string }} conversation */
async function deleteConversation(conversation) {
  if (!confirm(`Delete “${conversation.title}” and everything the council said in it?`)) return;
  try {
    await api.remove(conversation.id);
    if (current.conversationId === conversation.id) showConversation(undefined);
    say(`Deleted “${conversation.title}”.`);
    await sidebar.refresh();
  } catch (error) {
    showError(error);
  }
}

page.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const question = page.question.value.trim();
  if (!question || current.running) return;
  try {
    if (!current.conversationId) {
      const { conversation } = await api.create();
      showConversation(conversation);
    }
    const id = /** @type {string} */ (current.conversationId);
    page.question.value = "";
    await follow((onEvent) => api.ask(id, question, onEvent));
  } catch (error) {
    showError(error);
  }
});

page.question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    page.form.requestSubmit();
  }
});

page.stop.addEventListener("click", async () => {
  if (!current.conversationId) return;
  say("Stopping…");
  try {
    await api.stop(current.conversationId);
  } catch (error) {
    showError(error);
  }
});

byId("new-conversation").addEventListener("click", () => {
  if (current.running) return;
  showConversation(undefined);
  say("New conversation.");
  page.question.focus();
});

/** Names who would answer before the first question; the notes (how they were chosen) show on hover. */
async function showMembers() {
  const line = byId("council-members");
  try {
    const { members, chairman, notes } = await api.council();
    line.textContent = members.length
      ? `Council: ${members.join(", ")}${chairman ? ` · ${chairman} chairs` : ""}`
      : (notes[0] ?? "");
    line.title = members.length ? notes.join("\n") : "";
    line.hidden = line.textContent === "";
  } catch {
    // Only a courtesy: the first question reports what is wrong.
  }
}

const opened = new URLSearchParams(location.hash.slice(1)).get("c");
void showMembers();
void sidebar.refresh();
if (opened) void openConversation(opened);
else showConversation(undefined);
page.question.focus();
// Tells tests and tools the page has started.
document.body.dataset.ready = "true";
