// @ts-check
/** The served search page: asks the server's API and renders what it answers, answers as they stream. */
import { readEventStream } from "./event-stream-reader.js";
import { element, renderAnswer, renderHits } from "./results-view.js";

const form = /** @type {HTMLFormElement} */ (document.getElementById("search"));
const input = /** @type {HTMLInputElement} */ (document.getElementById("query"));
const status = /** @type {HTMLElement} */ (document.getElementById("status"));
const results = /** @type {HTMLElement} */ (document.getElementById("results"));
const askForm = /** @type {HTMLFormElement} */ (document.getElementById("ask"));
const question = /** @type {HTMLInputElement} */ (document.getElementById("question"));
const answer = /** @type {HTMLElement} */ (document.getElementById("answer"));

/** @param {Response} response */
async function readJson(response) {
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return body;
}

async function search(/** @type {string} */ query) {
  status.textContent = "Searching…";
  try {
    const { hits } = await readJson(await fetch(`api/search?q=${encodeURIComponent(query)}`));
    renderHits(results, hits);
    status.textContent = hits.length ? `${hits.length} turns found.` : "No turn matches.";
  } catch (error) {
    status.textContent = /** @type {Error} */ (error).message;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  history.replaceState(null, "", query ? `?q=${encodeURIComponent(query)}` : location.pathname);
  if (query) void search(query);
});

/**
 * Asks the question, showing the answer's text as the model writes it (text nodes only: model output is data), then
 * the answer with its citations linked once the stream ends.
 * @param {string} text
 */
async function ask(text) {
  answer.dataset.state = "asking";
  answer.textContent = "Thinking…";
  const response = await fetch("api/ask", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ question: text }),
  });
  if (!response.ok || !response.body) return renderAnswer(answer, await readJson(response));
  const streamed = element("p", { class: "answer-text" });
  /** @type {string | undefined} */
  let failure = "The answer stopped before it was complete: ask again.";
  await readEventStream(response.body, ({ event, data }) => {
    const body = /** @type {any} */ (data);
    if (event === "delta") {
      if (answer.dataset.state !== "streaming") answer.replaceChildren(streamed);
      answer.dataset.state = "streaming";
      streamed.append(String(body.text));
    } else if (event === "answer") {
      renderAnswer(answer, body);
      failure = undefined;
    } else if (event === "error") failure = String(body?.message ?? "The answer failed.");
  });
  if (failure !== undefined) throw new Error(failure);
}

askForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await ask(question.value);
    answer.dataset.state = "done";
  } catch (error) {
    answer.textContent = /** @type {Error} */ (error).message;
    answer.dataset.state = "failed";
  }
});

const info = await readJson(await fetch("api/info"));
askForm.hidden = !info.ask;
status.textContent = `${info.documents} turns indexed.`;
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  await search(initial);
}
document.body.dataset.ready = "";
