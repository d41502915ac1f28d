import type { CouncilEvent } from "../council-events.js";
import type { CouncilResult, Usage } from "../council-result.js";
import type { StoredConversation, StoredTurn } from "./conversation-types.js";

/** The JSON export of a conversation: everything stored, as it was stored. */
export interface ConversationExport {
  format: "trama.council.conversation";
  version: 1;
  /** ISO 8601. */
  exportedAt: string;
  conversation: StoredConversation;
}

/** A conversation as a JSON export: every turn with its streamed events and whole result. */
export function conversationToJSON(conversation: StoredConversation, now = new Date()): ConversationExport {
  return { format: "trama.council.conversation", version: 1, exportedAt: now.toISOString(), conversation };
}

/** Text for one Markdown table cell: no line breaks, pipes escaped. */
function cell(value: unknown): string {
  return String(value ?? "")
    .replace(/\r?\n/g, " ")
    .replace(/\|/g, "\\|");
}

function table(header: string[], rows: unknown[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

const number = (value: number | undefined, digits = 2) => (value === undefined ? "" : value.toFixed(digits));
const seconds = (ms: number | undefined) => (ms === undefined ? "" : `${(ms / 1000).toFixed(1)} s`);
const cost = (usage: Usage) => (usage.cost === undefined ? "" : `$${usage.cost.toFixed(4)}`);

function resultSections(result: CouncilResult): string[] {
  const sections: string[] = [];
  if (result.final) {
    const who =
      result.final.role === "fallback"
        ? `${result.final.chairman}, standing in for the chairman`
        : result.final.chairman;
    sections.push(`### Final answer (${who})\n\n${result.final.text}`);
    if (result.final.fallbackReason) sections.push(`> Why another member answered: ${result.final.fallbackReason}`);
  }
  if (result.aggregate) {
    const rows = result.aggregate.rows.map((row) => [
      row.place,
      row.member,
      number(row.borda),
      number(row.averageRank),
      number(row.ballots, 1),
      row.firstPlaces,
      row.selfRank === undefined ? "" : `${row.selfRank} of ${row.selfBallotSize ?? "?"}`,
    ]);
    const lines = [
      "### Ranking",
      table(["Place", "Member", "Borda", "Average rank", "Ballots", "First places", "Own rank (not counted)"], rows),
    ];
    for (const flag of result.aggregate.flags) lines.push(`- ⚠ ${flag.message}`);
    for (const ignored of result.aggregate.ignored)
      lines.push(
        `- Ballot of ${ignored.reviewer} not counted: ${ignored.status}${ignored.problem ? ` (${ignored.problem})` : ""}`,
      );
    sections.push(lines.join("\n\n"));
  }
  if (result.answers.length > 0)
    sections.push(
      [
        "### Answers",
        ...result.answers.map((answer) => `#### ${answer.member} (${answer.model})\n\n${answer.text}`),
      ].join("\n\n"),
    );
  if (result.reviews.length > 0)
    sections.push(
      [
        "### Reviews",
        ...result.reviews.map((review) => {
          const labels = review.labels.map((entry) => `${entry.label} = ${entry.member}`).join(", ");
          const ranking = review.rankedMembers.length ? ` (${review.rankedMembers.join(" > ")})` : "";
          return `#### Review by ${review.reviewer}\n\nLabels: ${labels}. Ballot: ${review.ballot.status}${ranking}${
            review.ballot.problem ? `, ${review.ballot.problem}` : ""
          }.\n\n${review.deanonymizedText}`;
        }),
      ].join("\n\n"),
    );
  if (result.totals.length > 0)
    sections.push(
      `### Usage\n\n${table(
        ["Member", "Role", "Input tokens", "Output tokens", "Cost", "Time"],
        result.totals.map((total) => [
          `${total.member}${total.failed ? " (failed)" : ""}`,
          total.role,
          total.usage.inputTokens ?? "",
          total.usage.outputTokens ?? "",
          cost(total.usage),
          seconds(total.latencyMs),
        ]),
      )}`,
    );
  if (result.errors.length > 0)
    sections.push(
      [
        "### Errors",
        ...result.errors.map((error) => `- ${error.stage}, ${error.member} (${error.model}): ${error.message}`),
      ].join("\n"),
    );
  return sections;
}

/** What members streamed before a run ended without a result, per stage and member. */
function streamedTexts(events: readonly CouncilEvent[]): string[] {
  const texts = new Map<string, string>();
  for (const event of events)
    if (event.type === "member-delta" && !event.reasoning) {
      const key = `${event.stage}: ${event.member}`;
      texts.set(key, (texts.get(key) ?? "") + event.text);
    }
  return [...texts].map(([key, text]) => `#### ${key} (unfinished)\n\n${text}`);
}

function turnMarkdown(turn: StoredTurn): string {
  const facts = [`Status: ${turn.status}`, `asked ${turn.startedAt}`];
  if (turn.result) facts.push(`took ${seconds(turn.result.durationMs)}`, `seed ${turn.result.seed}`);
  const parts = [`## ${turn.position + 1}. ${turn.question.replace(/\r?\n/g, " ")}`, `_${facts.join(" · ")}_`];
  if (turn.error) parts.push(`> ${turn.error}`);
  if (turn.result) parts.push(...resultSections(turn.result));
  else parts.push(...streamedTexts(turn.events));
  return parts.join("\n\n");
}

/**
 * A conversation as Markdown: per question the final answer (and who wrote it, and why when a member stood in for
 * the chairman), the ranking with its flags, every answer, every review de-anonymized with its label map and ballot,
 * usage per member, and errors. Model output is included as the Markdown it is.
 */
export function conversationToMarkdown(conversation: StoredConversation, now = new Date()): string {
  const header = `# ${conversation.title}\n\n_Trama council conversation, ${conversation.turns.length} question${
    conversation.turns.length === 1 ? "" : "s"
  }, exported ${now.toISOString()}._`;
  return `${[header, ...conversation.turns.map(turnMarkdown)].join("\n\n")}\n`;
}
