import type { CouncilConfig, CouncilInput, CouncilRunOptions } from "./council-config.js";
import type { CouncilEvent } from "./council-events.js";
import type { CouncilResult } from "./council-result.js";
import { CouncilError } from "./errors/council-error.js";

/**
 * A council run in progress: iterate it for its events (once), or await `result`. The run starts at once and goes
 * on whether or not anyone iterates; events are buffered until read.
 */
export interface CouncilRun extends AsyncIterable<CouncilEvent> {
  /** Resolves when the run ends, whatever its status; rejects only on a bad configuration (`CouncilError`). */
  readonly result: Promise<CouncilResult>;
}

/**
 * Runs the council on one question: every member answers, every surviving member ranks the anonymized answers under
 * its own shuffle of the labels, the rankings are aggregated (normalized Borda, self-votes excluded), and the chairman
 * writes the final answer (the best-ranked member takes over if it fails).
 *
 * @example
 * const run = runCouncil({ members: ["ollama:qwen2.5:3b", "ollama:llama3.2:3b"] }, { question: "Why is the sky blue?" });
 * for await (const event of run) if (event.type === "member-delta") process.stdout.write(event.text);
 * const { final, aggregate } = await run.result;
 */
export function runCouncil(config: CouncilConfig, input: CouncilInput, options: CouncilRunOptions = {}): CouncilRun {
  void config;
  void input;
  void options;
  throw new CouncilError("runCouncil is being implemented (issue 11).");
}
