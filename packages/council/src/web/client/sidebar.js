// @ts-check
/**
 * The conversations sidebar: the list (newest first), search by title and content, open and delete.
 * @module
 */
import { api } from "./api.js";
import { el, replaceChildren } from "./dom.js";

export class Sidebar {
  /**
   * @param {{ list: HTMLElement, empty: HTMLElement, search: HTMLInputElement, onOpen: (id: string) => void, onDelete: (conversation: any) => void, onError: (error: unknown) => void }} options
   */
  constructor(options) {
    this.options = options;
    /** @type {string | undefined} */
    this.current = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    options.search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 200);
    });
  }

  /** Reloads the list, searched by what the search box holds. */
  async refresh() {
    const query = this.options.search.value.trim();
    try {
      const { conversations } = await api.list(query);
      if (query !== this.options.search.value.trim()) return; // a newer search is on its way
      this.#render(conversations, query);
    } catch (error) {
      this.options.onError(error);
    }
  }

  /** @param {string | undefined} id */
  setCurrent(id) {
    this.current = id;
    for (const item of this.options.list.querySelectorAll("li")) {
      const open = item.querySelector("button.open");
      if (item.dataset.id === id) open?.setAttribute("aria-current", "true");
      else open?.removeAttribute("aria-current");
    }
  }

  /**
   * @param {any[]} conversations
   * @param {string} query
   */
  #render(conversations, query) {
    this.options.empty.hidden = conversations.length > 0;
    this.options.empty.textContent = query ? `Nothing matches “${query}”.` : "No conversations yet.";
    const items = conversations.map((conversation) => {
      const details = `${conversation.turnCount} question${conversation.turnCount === 1 ? "" : "s"}${
        conversation.lastStatus && conversation.lastStatus !== "complete" ? ` · ${conversation.lastStatus}` : ""
      }`;
      const open = el(
        "button",
        {
          class: "open",
          attrs: { type: "button" },
          on: { click: () => this.options.onOpen(conversation.id) },
        },
        el("span", { class: "title", text: conversation.title }),
        el("span", { class: "details", text: details }),
      );
      if (conversation.id === this.current) open.setAttribute("aria-current", "true");
      const remove = el("button", {
        class: "delete",
        text: "✕",
        attrs: { type: "button", "aria-label": `Delete conversation “${conversation.title}”`, title: "Delete" },
        on: { click: () => this.options.onDelete(conversation) },
      });
      return el("li", { attrs: { "data-id": conversation.id } }, open, remove);
    });
    replaceChildren(this.options.list, ...items);
  }
}
