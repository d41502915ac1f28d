import { describe, expect, it } from "vitest";
import { sampleRun } from "./__fixtures__/sample-run.js";
import type { StoredConversation } from "./conversation-types.js";
import { conversationToJSON, conversationToMarkdown } from "./export-conversation.js";

function conversation(): StoredConversation {
  const { events, result } = sampleRun();
  return {
    id: "c1",
    title: "Blue | sky",
    createdAt: "2026-12-05T10:00:00.000Z",
    updatedAt: "2026-12-05T10:01:00.000Z",
    turnCount: 2,
    lastStatus: "interrupted",
    turns: [
      {
        id: "t1",
        conversationId: "c1",
        position: 0,
        question: "Why is the sky blue?",
        status: "complete",
        events: events.slice(0, -1),
        result,
        startedAt: result.startedAt,
        finishedAt: "2026-12-05T10:00:01.000Z",
      },
      {
        id: "t2",
        conversationId: "c1",
        position: 1,
        question: "And\nsunsets?",
        status: "interrupted",
        events: [{ type: "member-delta", stage: "answer", member: "beta", text: "Longer paths scatter" }],
        error: "The server stopped before the council finished.",
        startedAt: "2026-12-05T10:00:30.000Z",
      },
    ],
  };
}

describe("conversationToMarkdown", () => {
  const markdown = conversationToMarkdown(conversation(), new Date("2026-12-06T00:00:00.000Z"));

  it("writes every stage of each turn: final answer, ranking with flags, answers, de-anonymized reviews, usage, errors", () => {
    expect(markdown.startsWith("# Blue | sky\n\n_Trama council conversation, 2 questions, exported 2026-12-06")).toBe(
      true,
    );
    expect(markdown).toContain("## 1. Why is the sky blue?");
    expect(markdown).toContain("### Final answer (alpha)\n\nThe sky is blue because of **Rayleigh scattering**.");
    expect(markdown).toContain("| 1 | beta | 1.00 | 1.00 | 1.0 | 1 | 2 of 2 |");
    expect(markdown).toContain("- ⚠ Only 2 ballots were counted.");
    expect(markdown).toContain("- Ballot of gamma not counted: failed (HTTP 500)");
    expect(markdown).toContain(
      "#### gamma (openai-compatible:http://127.0.0.1:3/v1#gamma)\n\nBecause of the ocean's reflection.",
    );
    expect(markdown).toContain(
      "#### Review by alpha\n\nLabels: A = beta, B = alpha, C = gamma. Ballot: complete (beta > alpha > gamma).\n\nbeta is precise.",
    );
    expect(markdown).toContain("Ballot: partial (alpha > beta), A is not ranked.");
    expect(markdown).toContain("| alpha | member | 20 | 12 | $0.0001 | 0.4 s |");
    expect(markdown).toContain(
      "- review, gamma (openai-compatible:http://127.0.0.1:3/v1#gamma): gamma failed: HTTP 500",
    );
  });

  it("keeps what an unfinished turn streamed, and why it stopped", () => {
    expect(markdown).toContain("## 2. And sunsets?\n\n_Status: interrupted");
    expect(markdown).toContain("> The server stopped before the council finished.");
    expect(markdown).toContain("#### answer: beta (unfinished)\n\nLonger paths scatter");
  });
});

describe("conversationToJSON", () => {
  it("keeps everything stored, and reads back the same", () => {
    const exported = conversationToJSON(conversation(), new Date("2026-12-06T00:00:00.000Z"));
    expect(JSON.parse(JSON.stringify(exported))).toEqual({
      format: "trama.council.conversation",
      version: 1,
      exportedAt: "2026-12-06T00:00:00.000Z",
      conversation: conversation(),
    });
  });
});
