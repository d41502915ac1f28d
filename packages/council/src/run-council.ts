import type { PipelineEvent } from "@trama/core";
import { buildCouncilPipeline, councilInputs, councilNodes } from "./build-council-pipeline.js";
import type { CouncilConfig, CouncilInput, CouncilRunOptions } from "./council-config.js";
import type { CouncilEvent } from "./council-events.js";
import type { CouncilResult, CouncilStage } from "./council-result.js";
import { type CouncilSetup, setUpCouncil } from "./council-setup.js";
import { type CouncilState, councilResult, initialCouncilState, reduceCouncil } from "./council-state.js";
import { CouncilError } from "./errors/council-error.js";
import { EventQueue } from "./event-queue.js";
import { errorInfo } from "./members/call-member.js";

/**
 * A council run in progress: iterate it for its events (once), or await `result`. The run starts at once and goes
 * on whether or not anyone iterates; events are buffered until read. Leaving the loop early stops the reading, not
 * the run: cancel a run with its signal.
 */
export interface CouncilRun extends AsyncIterable<CouncilEvent> {
  /** Resolves when the run ends, whatever its status; rejects only on a bad configuration (`CouncilError`). */
  readonly result: Promise<CouncilResult>;
}

/**
 * Runs the council on one question: every member answers, every member that answered ranks the anonymized answers
 * under its own shuffle of the labels, the rankings are aggregated (normalized Borda, self-votes excluded), and the
 * chairman writes the final answer (the best-ranked member takes over if it fails). Members that fail are reported
 * and left out. Follow-up turns pass the conversation so far as `input.history`.
 *
 * @example
 * const run = runCouncil({ members: ["ollama:qwen2.5:3b", "ollama:llama3.2:3b"] }, { question: "Why is the sky blue?" });
 * for await (const event of run) if (event.type === "member-delta") process.stdout.write(event.text);
 * const { final, aggregate } = await run.result;
 */
export function runCouncil(config: CouncilConfig, input: CouncilInput, options: CouncilRunOptions = {}): CouncilRun {
  const queue = new EventQueue<CouncilEvent>();
  const result = drive(config, input, options, queue);
  result.catch((error) => queue.end(error));
  return { result, [Symbol.asyncIterator]: () => queue.iterator("A council run") };
}

async function drive(
  config: CouncilConfig,
  input: CouncilInput,
  options: CouncilRunOptions,
  queue: EventQueue<CouncilEvent>,
): Promise<CouncilResult> {
  if (typeof input?.question !== "string" || input.question.trim() === "") {
    throw new CouncilError("The council needs a question: pass { question: '…' } with some text in it.");
  }
  const setup = setUpCouncil(config);
  const history = input.history ?? [];
  const title = options.title ?? history.length === 0;
  const started = performance.now();
  let state: CouncilState = initialCouncilState();
  const stages = new StageTracker(setup, (event) => emit(event));
  function emit(event: CouncilEvent) {
    state = reduceCouncil(state, event);
    queue.push(event);
  }

  emit({
    type: "council-start",
    question: input.question,
    ...(history.length ? { history } : {}),
    members: setup.members.map(({ name, model }) => ({ name, model })),
    chairman: { name: setup.chairman.name, model: setup.chairman.model },
    seed: setup.seed,
    startedAt: new Date().toISOString(),
  });
  let status: CouncilResult["status"];
  try {
    const pipeline = buildCouncilPipeline(setup, { title });
    const stream = pipeline.stream(councilInputs(setup, input, { title }), { signal: options.signal });
    stages.start("answer", () => setup.members.map((member) => member.name));
    for await (const event of stream) {
      if (event.type === "node-chunk") emit(event.chunk as unknown as CouncilEvent);
      else stages.pipelineEvent(event, state);
    }
    status = state.final ? "complete" : "failed";
  } catch (error) {
    if (options.signal?.aborted) status = "cancelled";
    else {
      status = "failed";
      emit({
        type: "member-error",
        stage: stages.current ?? "answer",
        member: "council",
        error: errorInfo(error, { stage: stages.current ?? "answer", member: "council", model: "" }),
      });
    }
  }
  stages.endOpen(state);
  const result = councilResult(state, status, performance.now() - started);
  queue.push({ type: "council-end", result });
  queue.end();
  return result;
}

/**
 * Turns the pipeline's node events into stage events: a stage starts before its first call and ends when its last
 * component has run. Stages with nothing to do (reviews of fewer than two answers, a chairman without answers) are
 * not started.
 */
class StageTracker {
  current: CouncilStage | undefined;
  readonly #started = new Set<CouncilStage>();
  #startedAt = 0;
  #answersLeft: number;
  #reviewsLeft: number;

  constructor(
    setup: CouncilSetup,
    readonly emit: (event: CouncilEvent) => void,
  ) {
    this.#answersLeft = setup.members.length;
    this.#reviewsLeft = setup.members.length;
  }

  start(stage: CouncilStage, members: () => string[]): void {
    this.current = stage;
    this.#started.add(stage);
    this.#startedAt = performance.now();
    this.emit({ type: "stage-start", stage, members: members() });
  }

  pipelineEvent(event: PipelineEvent, state: CouncilState): void {
    if (event.type === "node-start") {
      const answered = state.answers.length;
      if (event.component.startsWith("review_") && !this.#started.has("review") && answered >= 2) {
        this.end(state);
        this.start("review", () => state.answers.map((answer) => answer.member));
      } else if (event.component === councilNodes.chairman && !this.#started.has("chairman") && answered >= 1) {
        this.end(state);
        this.start("chairman", () => [state.chairman.name]);
      }
    } else if (event.type === "node-end") {
      if (event.component.startsWith("answer_") && --this.#answersLeft === 0 && this.current === "answer")
        this.end(state);
      if (event.component.startsWith("review_") && --this.#reviewsLeft === 0 && this.current === "review")
        this.end(state);
      if (event.component === councilNodes.chairman && this.current === "chairman") this.end(state);
    }
  }

  /** Ends the stage still open when the run stops (a cancellation, a failure). */
  endOpen(state: CouncilState): void {
    if (this.current) this.end(state);
  }

  end(state: CouncilState): void {
    const stage = this.current;
    if (!stage) return;
    this.current = undefined;
    const completed = state.calls.filter((call) => call.stage === stage).map((call) => call.member);
    const failed = state.errors.filter((error) => error.stage === stage).map((error) => error.member);
    this.emit({
      type: "stage-end",
      stage,
      durationMs: Math.round(performance.now() - this.#startedAt),
      completed,
      failed,
    });
  }
}
