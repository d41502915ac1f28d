/** The README's main command runs this example: make sure it keeps working and says what it should. */
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

describe("npm start's example", () => {
  it("routes both questions, prints their prompts, and draws the pipeline", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    // @ts-expect-error the example is plain JavaScript, run as users run it
    await import("./quick-start.js");
    const output = lines.join("\n");
    expect(output).toContain(
      'Result: {"prompt":{"value":"You answer billing questions. Question: Where is my invoice for March?"}}',
    );
    expect(output).toContain(
      'Result: {"prompt":{"value":"You answer anything. Question: How do I reset my password?"}}',
    );
    expect(output).toContain("graph TD;");
    expect(output).toContain("type: trama.ConditionalRouter");
  });
});
