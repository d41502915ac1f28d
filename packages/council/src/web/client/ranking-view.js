// @ts-check
/**
 * The aggregate ranking of a turn: normalized Borda, average rank, ballots, first places and each member's rank of
 * its own answer (a diagnostic, never counted), then the flags that say why a ranking is not clear and the ballots
 * left out.
 * @module
 */
import { el, replaceChildren } from "./dom.js";

/**
 * Fills `section` with the ranking table of `aggregate` (a council result's `aggregate`).
 * @param {HTMLElement} section
 * @param {any} aggregate
 */
export function renderRanking(section, aggregate) {
  const number = (/** @type {number | undefined} */ value, digits = 2) =>
    value === undefined ? "—" : value.toFixed(digits);
  const header = ["Place", "Member", "Borda", "Average rank", "Ballots", "First places", "Own rank (not counted)"];
  const rows = aggregate.rows.map((/** @type {any} */ row) =>
    el(
      "tr",
      { attrs: { "data-member": row.member } },
      el("td", { text: String(row.place) }),
      el("th", { text: row.member, attrs: { scope: "row" } }),
      el("td", { text: number(row.borda) }),
      el("td", { text: number(row.averageRank) }),
      el("td", { text: number(row.ballots, 1) }),
      el("td", { text: String(row.firstPlaces) }),
      el("td", { text: row.selfRank === undefined ? "—" : `${row.selfRank} of ${row.selfBallotSize ?? "?"}` }),
    ),
  );
  const notes = [
    ...aggregate.flags.map((/** @type {any} */ flag) => el("li", { class: "flag", text: `⚠ ${flag.message}` })),
    ...aggregate.ignored.map((/** @type {any} */ ignored) =>
      el("li", {
        text: `Ballot of ${ignored.reviewer} not counted: ${ignored.status}${ignored.problem ? ` (${ignored.problem})` : ""}`,
      }),
    ),
  ];
  replaceChildren(
    section,
    el("h4", { text: "Ranking" }),
    el(
      "table",
      { class: "aggregate" },
      el("caption", {
        text: `Normalized Borda count over ${aggregate.counted.length} counted ballot(s); a member's vote for itself is not counted.`,
      }),
      el("thead", {}, el("tr", {}, ...header.map((text) => el("th", { text, attrs: { scope: "col" } })))),
      el("tbody", {}, ...rows),
    ),
    notes.length > 0 && el("ul", { class: "notes" }, ...notes),
    el("p", {
      class: "verdict",
      text: aggregate.clear ? "The ranking is clear." : "The ranking is not clear: read it with care.",
    }),
  );
}
