import { describe, expect, it } from "vitest";
import { parseBallot } from "./parse-ballot.js";

const abc = ["A", "B", "C"];
const abcd = ["A", "B", "C", "D"];

describe("parseBallot: FINAL RANKING lists", () => {
  it("reads llm-council's own format", () => {
    const text = `Response A is accurate but terse. Response B misses the point. Response C is thorough.

FINAL RANKING:
1. Response C
2. Response A
3. Response B`;
    expect(parseBallot(text, abc)).toEqual({ ranking: ["C", "A", "B"], status: "complete", format: "final-ranking" });
  });

  it("reads bold and italic items, and a bold heading", () => {
    const text = `**FINAL RANKING:**
1. **Response B**
2. *Response C*
3. _Response A_`;
    expect(parseBallot(text, abc).ranking).toEqual(["B", "C", "A"]);
  });

  it("reads bold labels inside an item, and bold numbers", () => {
    const text =
      "FINAL RANKING:\n**1.** Response **C** — the most complete\n**2.** Response **A**\n**3.** Response **B**";
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("reads the heading in any case, with or without a colon", () => {
    for (const heading of [
      "Final Ranking:",
      "final ranking",
      "FINAL RANKINGS:",
      "## Final ranking",
      "Final Ranking (best to worst):",
    ]) {
      const ballot = parseBallot(`Some critique.\n\n${heading}\n1. Response B\n2. Response A\n3. Response C`, abc);
      expect(ballot, heading).toMatchObject({ ranking: ["B", "A", "C"], status: "complete" });
    }
  });

  it("skips earlier mentions of the heading in the critique", () => {
    const text = `I will compare the three answers before giving my FINAL RANKING: first Response A, then the others.
Response A gets the facts right. In my final ranking, Response B should come last.

FINAL RANKING:
1. Response C
2. Response A
3. Response B`;
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("ignores mentions of the heading after the list", () => {
    const text = `FINAL RANKING:
1. Response C
2. Response A
3. Response B

This final ranking reflects that Response B made a factual error.`;
    expect(parseBallot(text, abc)).toMatchObject({ ranking: ["C", "A", "B"], status: "complete" });
  });

  it("reads 1) items, bullets and label-led lines", () => {
    expect(parseBallot("FINAL RANKING:\n1) Response B\n2) Response C\n3) Response A", abc).ranking).toEqual([
      "B",
      "C",
      "A",
    ]);
    expect(parseBallot("FINAL RANKING:\n- Response A\n- Response C\n- Response B", abc).ranking).toEqual([
      "A",
      "C",
      "B",
    ]);
    expect(parseBallot("FINAL RANKING:\n* Response A\n* Response C\n* Response B", abc).ranking).toEqual([
      "A",
      "C",
      "B",
    ]);
    expect(parseBallot("FINAL RANKING:\nResponse A\nResponse C\nResponse B", abc).ranking).toEqual(["A", "C", "B"]);
  });

  it("reads items that explain themselves and mention other labels", () => {
    const text = `FINAL RANKING:
1. Response C: clearer than Response A and Response B.
   It also cites a source, unlike Response B.
2. Response A (better than Response B on accuracy)
3. Response B`;
    expect(parseBallot(text, abc)).toMatchObject({ ranking: ["C", "A", "B"], status: "complete" });
  });

  it("reads bare-letter items and blank lines between items", () => {
    expect(parseBallot("FINAL RANKING:\n\n1. C\n\n2. A\n\n3. B\n", abc).ranking).toEqual(["C", "A", "B"]);
    expect(parseBallot("FINAL RANKING:\n1. (C)\n2. [A]\n3. B - weakest", abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("reads an inline ranking on the heading's line or below it", () => {
    expect(parseBallot("FINAL RANKING: C > A > B", abc)).toMatchObject({
      ranking: ["C", "A", "B"],
      status: "complete",
    });
    expect(parseBallot("Final ranking: Response C, Response A, Response B", abc).ranking).toEqual(["C", "A", "B"]);
    expect(parseBallot("FINAL RANKING:\nResponse B > Response C > Response A", abc).ranking).toEqual(["B", "C", "A"]);
  });

  it("reads a Markdown table, sorted by its rank column", () => {
    const inOrder = `FINAL RANKING:
| Rank | Response | Why |
|------|----------|-----|
| 1 | **Response B** | accurate |
| 2 | Response A | terse |
| 3 | Response C | wrong |`;
    expect(parseBallot(inOrder, abc).ranking).toEqual(["B", "A", "C"]);
    const byLabel = `Final ranking:

| Response | Rank |
| --- | --- |
| A | 2 |
| B | 3 |
| C | 1 |`;
    expect(parseBallot(byLabel, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("falls back to a Ranking: heading", () => {
    expect(parseBallot("My ranking (best first):\n1. Response B\n2. Response A\n3. Response C", abc).ranking).toEqual([
      "B",
      "A",
      "C",
    ]);
  });
});

describe("parseBallot: JSON, inline and letters", () => {
  it("reads JSON, fenced or bare, and prefers it", () => {
    const fenced = 'Critique…\n\n```json\n{"ranking": ["C", "A", "B"]}\n```';
    expect(parseBallot(fenced, abc)).toEqual({ ranking: ["C", "A", "B"], status: "complete", format: "json" });
    expect(parseBallot('{"ranking":["Response B","Response A","Response C"]}', abc).ranking).toEqual(["B", "A", "C"]);
    expect(parseBallot('{"final_ranking": ["b", "c", "a"]}', abc).ranking).toEqual(["B", "C", "A"]);
    expect(parseBallot('Ranking below.\n["C", "B", "A"]', abc).ranking).toEqual(["C", "B", "A"]);
  });

  it("reads almost-JSON with single quotes or a trailing comma", () => {
    expect(parseBallot("{'ranking': ['C', 'A', 'B',]}", abc)).toMatchObject({
      ranking: ["C", "A", "B"],
      format: "json",
    });
  });

  it("takes the last JSON ranking when there are several", () => {
    const text = 'At first I had {"ranking": ["A", "B", "C"]} but on reflection:\n{"ranking": ["B", "C", "A"]}';
    expect(parseBallot(text, abc).ranking).toEqual(["B", "C", "A"]);
  });

  it("reads an inline ranking anywhere", () => {
    expect(parseBallot("Overall: C > A > B.", abc)).toMatchObject({ ranking: ["C", "A", "B"], format: "inline" });
    expect(parseBallot("I'd say **Response B** > **Response C** > **Response A**", abc).ranking).toEqual([
      "B",
      "C",
      "A",
    ]);
  });

  it("reads bare letters", () => {
    expect(parseBallot("C A B", abc)).toMatchObject({
      ranking: ["C", "A", "B"],
      status: "complete",
      format: "letters",
    });
    expect(parseBallot("C, A, B", abc).ranking).toEqual(["C", "A", "B"]);
    expect(parseBallot("CAB", abc).ranking).toEqual(["C", "A", "B"]);
    expect(parseBallot("Thinking about accuracy first.\n\nB C A", abc).ranking).toEqual(["B", "C", "A"]);
  });
});

describe("parseBallot: reasoning blocks", () => {
  it("ignores <think> blocks, whose drafts would otherwise win", () => {
    const text = `<think>
Let me draft: FINAL RANKING:
1. Response A
2. Response B
3. Response C
Hmm, actually C is better.
</think>
Response C is the most careful.

FINAL RANKING:
1. Response C
2. Response A
3. Response B`;
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("ignores text before a lone </think>, and treats an unclosed <think> as no reply", () => {
    expect(
      parseBallot('reasoning about {"ranking": ["A","B","C"]}</think>\nFINAL RANKING: B > C > A', abc).ranking,
    ).toEqual(["B", "C", "A"]);
    expect(parseBallot("<think>\nStill thinking about Response A and FINAL RANKING: A > B", abc).status).toBe(
      "abstain",
    );
  });
});

describe("parseBallot: partial, invalid and abstaining ballots", () => {
  it("marks a ranking that leaves labels out as partial", () => {
    expect(parseBallot("FINAL RANKING:\n1. Response C\n2. Response A", abcd)).toEqual({
      ranking: ["C", "A"],
      status: "partial",
      format: "final-ranking",
      problem: "B, D not ranked",
    });
  });

  it("marks a duplicate label invalid", () => {
    const ballot = parseBallot("FINAL RANKING:\n1. Response C\n2. Response A\n3. Response C", abc);
    expect(ballot).toMatchObject({ ranking: [], status: "invalid", problem: "C ranked more than once" });
  });

  it("marks an unknown label invalid", () => {
    const ballot = parseBallot("FINAL RANKING:\n1. Response D\n2. Response A\n3. Response B", abc);
    expect(ballot.status).toBe("invalid");
    expect(ballot.problem).toContain("D is not a label");
    expect(parseBallot('{"ranking": ["A", "E", "B"]}', abc)).toMatchObject({ status: "invalid", format: "json" });
    expect(parseBallot("C > X > A", abc).status).toBe("invalid");
  });

  it("marks an empty reply and refusals as abstentions", () => {
    expect(parseBallot("", abc)).toMatchObject({ status: "abstain", problem: "the reply is empty" });
    expect(parseBallot("   \n ", abc).status).toBe("abstain");
    expect(parseBallot("I'm sorry, but I can't rank these responses.", abc).status).toBe("abstain");
    expect(parseBallot("As an AI, I must decline to judge other models.", abc).status).toBe("abstain");
    expect(parseBallot("<think>no</think>", abc).status).toBe("abstain");
  });

  it("marks a review without any ranking invalid", () => {
    expect(parseBallot("All three answers are good in their own way.", abc)).toMatchObject({
      status: "invalid",
      problem: expect.stringContaining("no ranking found"),
    });
  });

  it("does not read a critique's per-answer bullets as a ranking", () => {
    const text = "- Response A: accurate.\n- Response B: vague.\n- Response C: wrong.";
    expect(parseBallot(text, abc).status).toBe("invalid");
  });

  it("does not mistake words for labels", () => {
    expect(
      parseBallot("FINAL RANKING:\n1. Response B\n2. Response C\n3. Response A\nA clear win for B.", abc),
    ).toMatchObject({
      ranking: ["B", "C", "A"],
      status: "complete",
    });
  });
});

describe("parseBallot: real-looking reviews from several model families", () => {
  it("Llama 3 style", () => {
    const text = `**Evaluation of Response A:**
Response A provides a clear explanation of Rayleigh scattering. However, it does not mention why sunsets are red.

**Evaluation of Response B:**
Response B is brief and mentions sunsets, but contains an error about the ozone layer.

**Evaluation of Response C:**
Response C is comprehensive and accurate.

**FINAL RANKING:**
1. **Response C**
2. **Response A**
3. **Response B**`;
    expect(parseBallot(text, abc)).toMatchObject({ ranking: ["C", "A", "B"], status: "complete" });
  });

  it("Qwen 2.5 style", () => {
    const text = `### Evaluation

- **Response A**: Correct and concise. It explains scattering well.
- **Response B**: Partially correct; the ozone claim is wrong.
- **Response C**: The most thorough answer.

### Final Ranking
1. Response C
2. Response A
3. Response B`;
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("Gemma style", () => {
    const text = `Here's an evaluation of each response:

*   **Response A:** Good, but misses the sunset part.
*   **Response B:** Contains a factual error.
*   **Response C:** Excellent and complete.

**Final Ranking:**

1.  **Response C**
2.  **Response A**
3.  **Response B**
`;
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("Mistral style with a closing sentence", () => {
    const text = `Response A: solid. Response B: weak. Response C: best.

FINAL RANKING:
1. Response C
2. Response A
3. Response B

I hope this ranking helps.`;
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });

  it("DeepSeek-R1 style with reasoning and JSON", () => {
    const text = `<think>
Okay, the user wants me to rank. Response A seems fine... FINAL RANKING: A > B > C? No wait.
</think>

Response B is the most accurate; Response C is vague; Response A is wrong.

\`\`\`json
{"ranking": ["B", "C", "A"]}
\`\`\``;
    expect(parseBallot(text, abc)).toEqual({ ranking: ["B", "C", "A"], status: "complete", format: "json" });
  });

  it("GPT style with a summary table and a final line", () => {
    const text = `| Response | Accuracy | Clarity |
|---|---|---|
| A | high | medium |
| B | low | high |
| C | high | high |

**Final ranking:** C > A > B`;
    expect(parseBallot(text, abc).ranking).toEqual(["C", "A", "B"]);
  });
});
