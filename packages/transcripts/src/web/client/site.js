// @ts-check
/** The static search page: loads the precomputed index and searches it in the browser. */
import { renderHits } from "./results-view.js";
import { createSearch } from "./search-engine.js";

const form = /** @type {HTMLFormElement} */ (document.getElementById("search"));
const input = /** @type {HTMLInputElement} */ (document.getElementById("query"));
const status = /** @type {HTMLElement} */ (document.getElementById("status"));
const results = /** @type {HTMLElement} */ (document.getElementById("results"));

const response = await fetch("search-index.json");
const engine = createSearch(await response.json());

function run(/** @type {string} */ query) {
  const hits = engine.search(query, { limit: 20 });
  renderHits(results, hits);
  status.textContent = hits.length ? `${hits.length} turns found.` : "No turn matches.";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  history.replaceState(null, "", query ? `?q=${encodeURIComponent(query)}` : location.pathname);
  if (query) run(query);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
document.body.dataset.ready = "";
