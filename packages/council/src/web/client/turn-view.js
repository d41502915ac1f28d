// @ts-check
/**
 * One turn on the page: the question, per-member progress of every stage, the final answer, the aggregate ranking,
 * and a tab per member with its answer and its review (labels de-anonymized). Built once, then updated from the
 * turn's state at most once per frame while tokens stream; Markdown is re-rendered only where text changed.
 * @module
 */
import { el, idPart, replaceChildren, seconds } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { renderRanking } from "./ranking-view.js";

/** @typedef {import("./turn-state.js").TurnState} TurnState */
/** @typedef {import("./turn-state.js").Call} Call */

const stageNames = { answer: "Answers", review: "Reviews", chairman: "Final answer" };

/** @param {Call | undefined} call */
function callSummary(call) {
  if (!call) return "—";
  if (call.status === "waiting") return "waiting";
  if (call.status === "streaming") return `writing… ${call.text.length} chars`;
  if (call.status === "failed") return "failed";
  if (call.status === "stopped") return "stopped";
  const tokens = call.usage?.outputTokens;
  return `done${tokens === undefined ? "" : ` · ${tokens} tokens`}${call.latencyMs === undefined ? "" : ` · ${seconds(call.latencyMs)}`}`;
}

/** @param {any} usage */
function usageText(usage) {
  if (!usage) return "";
  const parts = [];
  if (usage.inputTokens !== undefined) parts.push(`${usage.inputTokens} in`);
  if (usage.outputTokens !== undefined) parts.push(`${usage.outputTokens} out`);
  if (usage.cost !== undefined) parts.push(`$${usage.cost.toFixed(4)}`);
  return parts.join(" · ");
}

export class TurnView {
  /** @param {TurnState} state */
  constructor(state) {
    this.state = state;
    const prefix = `turn-${idPart(state.id)}`;
    this.prefix = prefix;
    /** @type {WeakMap<Element, string>} */
    this.shownText = new WeakMap();
    /** @type {string | undefined} */
    this.selected = undefined;
    this.statusLine = el("p", { class: "turn-status" });
    this.progress = el("table", { class: "progress", attrs: { "aria-label": "Progress of each member" } });
    this.finalBody = el("div", { class: "markdown final-text" });
    this.finalMeta = el("p", { class: "meta" });
    this.final = el(
      "section",
      { class: "final", attrs: { "aria-label": "Final answer", hidden: "" } },
      el("h4", { text: "Final answer" }),
      this.finalMeta,
      this.finalBody,
    );
    this.ranking = el("section", { class: "ranking", attrs: { "aria-label": "Ranking", hidden: "" } });
    this.tablist = el("div", { class: "tabs", attrs: { role: "tablist", "aria-label": "Members" } });
    this.panels = el("div", { class: "panels" });
    this.members = el(
      "section",
      { class: "members", attrs: { "aria-label": "Members' answers and reviews" } },
      el("h4", { text: "Members" }),
      this.tablist,
      this.panels,
    );
    this.errors = el("section", { class: "errors", attrs: { "aria-label": "Errors", hidden: "" } });
    this.root = el(
      "article",
      { class: "turn", attrs: { "aria-labelledby": `${prefix}-question`, "data-turn": state.id } },
      el("h3", { class: "question", text: state.question, attrs: { id: `${prefix}-question` } }),
      this.statusLine,
      this.progress,
      this.final,
      this.ranking,
      this.members,
      this.errors,
    );
    /** @type {Map<string, { tab: HTMLButtonElement, panel: HTMLElement, answer: HTMLElement, answerMeta: HTMLElement, reasoning: HTMLElement, review: HTMLElement, reviewMeta: HTMLElement, labels: HTMLElement }>} */
    this.memberParts = new Map();
    this.rankingShown = undefined;
    this.update();
  }

  /** Brings the page in line with the state. */
  update() {
    const state = this.state;
    this.#statusLine();
    this.#progress();
    this.#members();
    this.#final();
    if (state.aggregate !== this.rankingShown) this.#ranking();
    this.#errors();
    this.root.dataset.status = state.status;
  }

  #statusLine() {
    const { state } = this;
    const stages = /** @type {const} */ (["answer", "review", "chairman"])
      .map((stage) => {
        const info = state.stages[stage];
        const text = info.status === "done" ? `done in ${seconds(info.durationMs)}` : info.status;
        return `${stageNames[stage]}: ${text}`;
      })
      .join(" · ");
    const ending =
      state.status === "running"
        ? "The council is working."
        : state.status === "complete"
          ? `Complete${state.result ? ` in ${seconds(state.result.durationMs)}` : ""}.`
          : `${state.status[0]?.toUpperCase()}${state.status.slice(1)}${state.problem ? `: ${state.problem}` : "."}`;
    this.statusLine.textContent = `${ending} ${stages}`;
  }

  #progress() {
    const { state } = this;
    const names = state.members.map((member) => member.name);
    for (const chairman of [state.chairman?.name, ...state.chairmen])
      if (chairman && !names.includes(chairman)) names.push(chairman);
    const head = el(
      "tr",
      {},
      el("th", { text: "Member", attrs: { scope: "col" } }),
      ...Object.values(stageNames).map((name) => el("th", { text: name, attrs: { scope: "col" } })),
    );
    const rows = names.map((name) =>
      el(
        "tr",
        { attrs: { "data-member": name } },
        el("th", { text: name, attrs: { scope: "row" } }),
        .../** @type {const} */ (["answer", "review", "chairman"]).map((stage) => {
          const call = state.calls[`${stage}:${name}`];
          return el("td", {
            class: `call-${call?.status ?? "none"}`,
            text: callSummary(call),
            attrs: { "data-stage": stage },
          });
        }),
      ),
    );
    replaceChildren(this.progress, el("thead", {}, head), el("tbody", {}, ...rows));
  }

  #members() {
    for (const member of this.state.members) if (!this.memberParts.has(member.name)) this.#addMember(member);
    for (const [name, parts] of this.memberParts) {
      const answer = this.state.calls[`answer:${name}`];
      const review = this.state.calls[`review:${name}`];
      parts.tab.dataset.status = answer?.status ?? "waiting";
      parts.answerMeta.textContent = answer
        ? `${callSummary(answer)}${answer.usage ? ` · ${usageText(answer.usage)}` : ""}${answer.error ? ` — ${answer.error.message}` : ""}`
        : "";
      this.#markdown(parts.answer, answer?.text ?? "");
      parts.reasoning.hidden = !answer?.reasoning;
      const reasoningText = parts.reasoning.querySelector("pre");
      if (reasoningText && answer?.reasoning && reasoningText.textContent !== answer.reasoning)
        reasoningText.textContent = answer.reasoning;
      parts.reviewMeta.textContent = review
        ? `${callSummary(review)}${review.ballot ? ` · ballot ${review.ballot.status}${review.rankedMembers?.length ? `: ${review.rankedMembers.join(" > ")}` : ""}${review.ballot.problem ? ` (${review.ballot.problem})` : ""}` : ""}${review.error ? ` — ${review.error.message}` : ""}`
        : "No review yet.";
      parts.labels.textContent = review?.labels
        ? `Labels this reviewer saw: ${review.labels.map((entry) => `${entry.label} = ${entry.member}${entry.member === name ? " (its own)" : ""}`).join(", ")}`
        : "";
      this.#markdown(parts.review, review?.deanonymizedText ?? review?.text ?? "");
    }
  }

  /** @param {{ name: string, model: string }} member */
  #addMember(member) {
    const id = `${this.prefix}-${idPart(member.name)}`;
    const first = this.memberParts.size === 0;
    const tab = el("button", {
      class: "tab",
      text: member.name,
      attrs: {
        type: "button",
        role: "tab",
        id: `${id}-tab`,
        "aria-controls": `${id}-panel`,
        "aria-selected": String(first),
        tabindex: first ? "0" : "-1",
        "data-member": member.name,
      },
      on: {
        click: () => this.select(member.name),
        keydown: (event) => this.#tabKey(/** @type {KeyboardEvent} */ (event)),
      },
    });
    const answerMeta = el("p", { class: "meta" });
    const answer = el("div", { class: "markdown answer-text" });
    const reasoning = el("details", { class: "reasoning" }, el("summary", { text: "Reasoning" }), el("pre"));
    const reviewMeta = el("p", { class: "meta" });
    const labels = el("p", { class: "labels" });
    const review = el("div", { class: "markdown review-text" });
    const panel = el(
      "section",
      {
        class: "panel",
        attrs: {
          role: "tabpanel",
          id: `${id}-panel`,
          "aria-labelledby": `${id}-tab`,
          tabindex: "0",
          "data-member": member.name,
        },
      },
      el("p", { class: "model", text: member.model }),
      el("h5", { text: "Answer" }),
      answerMeta,
      reasoning,
      answer,
      el("h5", { text: "Review" }),
      reviewMeta,
      labels,
      review,
    );
    if (!first) panel.hidden = true;
    else this.selected = member.name;
    this.tablist.append(tab);
    this.panels.append(panel);
    this.memberParts.set(member.name, { tab, panel, answer, answerMeta, reasoning, review, reviewMeta, labels });
  }

  /**
   * Shows a member's tab.
   * @param {string} name
   * @param {boolean} [focus]
   */
  select(name, focus = false) {
    this.selected = name;
    for (const [member, parts] of this.memberParts) {
      const chosen = member === name;
      parts.tab.setAttribute("aria-selected", String(chosen));
      parts.tab.tabIndex = chosen ? 0 : -1;
      parts.panel.hidden = !chosen;
      if (chosen && focus) parts.tab.focus();
    }
  }

  /** @param {KeyboardEvent} event */
  #tabKey(event) {
    const names = [...this.memberParts.keys()];
    const index = names.indexOf(this.selected ?? "");
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: names.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(names[(next + names.length) % names.length] ?? names[0] ?? "", true);
  }

  #final() {
    const { state } = this;
    const final = state.result?.final;
    const name = final?.chairman ?? state.chairmen.at(-1);
    const call = name ? state.calls[`chairman:${name}`] : undefined;
    this.final.hidden = !call && !final;
    if (this.final.hidden) return;
    const role = final
      ? final.role === "fallback"
        ? "standing in for the chairman"
        : "chairman"
      : name === state.chairman?.name
        ? "chairman"
        : "standing in for the chairman";
    const fallbacks = state.fallbacks.map(
      (fallback) => `${fallback.from} could not chair (${fallback.error.message}); ${fallback.to} took over.`,
    );
    this.finalMeta.textContent = [`By ${name}, ${role}. ${callSummary(call)}.`, ...fallbacks].join(" ");
    this.#markdown(this.finalBody, final?.text ?? call?.text ?? "");
  }

  #ranking() {
    this.rankingShown = this.state.aggregate;
    this.ranking.hidden = !this.state.aggregate;
    if (this.state.aggregate) renderRanking(this.ranking, this.state.aggregate);
  }

  #errors() {
    const { state } = this;
    const items = state.errors.map((error) => `${error.stage} · ${error.member}: ${error.message}`);
    if (state.problem) items.unshift(state.problem);
    this.errors.hidden = items.length === 0;
    if (this.errors.dataset.count === String(items.length)) return;
    this.errors.dataset.count = String(items.length);
    replaceChildren(
      this.errors,
      el("h4", { text: "Problems" }),
      el("ul", {}, ...items.map((text) => el("li", { text }))),
    );
  }

  /**
   * @param {HTMLElement} target
   * @param {string} text
   */
  #markdown(target, text) {
    if (this.shownText.get(target) === text) return;
    this.shownText.set(target, text);
    renderMarkdown(target, text);
  }
}
