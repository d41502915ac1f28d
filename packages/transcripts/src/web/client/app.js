// @ts-check
/** The served search page: asks the server's API and renders what it answers. */
import { renderAnswer, renderHits } from "./results-view.js";

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

askForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  answer.textContent = "Thinking…";
  try {
    const response = await fetch("api/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: question.value }),
    });
    renderAnswer(answer, await readJson(response));
  } catch (error) {
    answer.textContent = /** @type {Error} */ (error).message;
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
