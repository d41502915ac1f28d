// @ts-check
/**
 * The council API, from the page. Paths are relative to the page (`/council/`), so the app works wherever the
 * server mounts it.
 * @module
 */
import { readEventStream } from "./event-stream-reader.js";

/** An error the API answered with; its message says what is wrong. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   */
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {Response} response
 * @returns {Promise<never>}
 */
async function fail(response) {
  let message = `The server answered ${response.status} ${response.statusText}.`;
  try {
    const body = await response.json();
    if (body?.error?.message) message = body.error.message;
  } catch {
    // Not JSON: keep the status line.
  }
  throw new ApiError(message, response.status);
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 */
async function call(path, init = {}) {
  const response = await fetch(`api/${path}`, init);
  if (!response.ok) return fail(response);
  return response.json();
}

/** @param {unknown} body */
const jsonBody = (body) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/**
 * @param {string} path
 * @param {RequestInit} init
 * @param {(event: import("./event-stream-reader.js").StreamEvent) => void} onEvent
 */
async function stream(path, init, onEvent) {
  const response = await fetch(`api/${path}`, { ...init, headers: { ...init.headers, accept: "text/event-stream" } });
  if (!response.ok || !response.body) return fail(response);
  await readEventStream(response.body, onEvent);
}

export const api = {
  /** Who would answer: `{ members, chairman?, notes }`. */
  council: () => call("council"),
  /** @param {string} [query] */
  list: (query) => call(`conversations${query ? `?q=${encodeURIComponent(query)}` : ""}`),
  /** @param {string} [title] */
  create: (title) => call("conversations", jsonBody(title ? { title } : {})),
  /** @param {string} id */
  get: (id) => call(`conversations/${encodeURIComponent(id)}`),
  /** @param {string} id */
  remove: (id) => call(`conversations/${encodeURIComponent(id)}`, { method: "DELETE" }),
  /** @param {string} id */
  stop: (id) => call(`conversations/${encodeURIComponent(id)}/stop`, jsonBody({})),
  /**
   * Asks a question and streams the run until it is stored.
   * @param {string} id
   * @param {string} question
   * @param {(event: import("./event-stream-reader.js").StreamEvent) => void} onEvent
   */
  ask: (id, question, onEvent) =>
    stream(`conversations/${encodeURIComponent(id)}/turns`, jsonBody({ question }), onEvent),
  /**
   * Re-attaches to the run in progress: its events so far, then the rest.
   * @param {string} id
   * @param {(event: import("./event-stream-reader.js").StreamEvent) => void} onEvent
   */
  attach: (id, onEvent) => stream(`conversations/${encodeURIComponent(id)}/live`, {}, onEvent),
  /**
   * @param {string} id
   * @param {"md" | "json"} format
   */
  exportUrl: (id, format) => `api/conversations/${encodeURIComponent(id)}/export.${format}`,
};
