import type { RunContext, StreamChunk } from "../component/component.js";
import {
  PipelineAbortedError,
  PipelineBreakpoint,
  PipelineMaxRunsError,
  PipelineRunError,
  PipelineRuntimeError,
} from "../errors/pipeline-errors.js";
import { TramaError } from "../errors/trama-error.js";
import type { AttributeValue, Span, Tracer } from "../tracing/tracer.js";
import { blockedError, findBlocked } from "./blocked.js";
import type { PipelineEvent, PipelineOutputs } from "./events.js";
import type { CompiledGraph, CompiledNode } from "./graph.js";
import { type ConsumedEntries, commitOutputs, consumeInputs, type RunState, restoreInputs } from "./run-state.js";
import { compareRuns, nextDeferred, nextStartable, type PlannedRun, planRun } from "./scheduler.js";
import { takeSnapshot } from "./snapshot.js";

/** Stop before `component` runs (on its `visit`-th run, or on any run when `visit` is left out). */
export interface Breakpoint {
  component: string;
  visit?: number;
}

export interface RunSettings {
  readonly maxRunsPerComponent: number;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  readonly breakpoints: readonly Breakpoint[];
  /** A breakpoint already hit, skipped once when resuming from its snapshot. */
  readonly resumedAt: { component: string; visit: number } | undefined;
  readonly tracer: Tracer | undefined;
  readonly onEvent: ((event: PipelineEvent) => void) | undefined;
  /** Resolves once the stream's consumer has taken every event so far; absent when nobody streams. */
  readonly drained?: () => Promise<void>;
  readonly attributes: Record<string, AttributeValue>;
}

interface ActiveRun {
  readonly plan: PlannedRun;
  readonly visit: number;
  readonly consumed: ConsumedEntries;
  readonly span: Span | undefined;
  readonly startedAt: number;
}

/** Runs a compiled pipeline from a prepared state. Resolves to its outputs; rejects with a snapshot attached. */
export function runPipeline(graph: CompiledGraph, state: RunState, settings: RunSettings): Promise<PipelineOutputs> {
  return new PipelineRun(graph, state, settings).start();
}

class PipelineRun {
  readonly #graph: CompiledGraph;
  readonly #state: RunState;
  readonly #settings: RunSettings;
  readonly #controller = new AbortController();
  /** The next planned run of each node, if it has one. */
  readonly #waiting: (PlannedRun | undefined)[];
  readonly #stale = new Set<number>();
  /** Runs started and not finished: async ones, plus the synchronous one being started. */
  readonly #active = new Map<number, ActiveRun>();
  #stopAt: { component: string; visit: number } | undefined;
  #skipBreakpoint: { component: string; visit: number } | undefined;
  #settled = false;
  #span: Span | undefined;
  #resolve!: (outputs: PipelineOutputs) => void;
  #reject!: (error: unknown) => void;

  constructor(graph: CompiledGraph, state: RunState, settings: RunSettings) {
    this.#graph = graph;
    this.#state = state;
    this.#settings = settings;
    this.#waiting = graph.nodes.map(() => undefined);
    for (const node of graph.nodes) this.#stale.add(node.index);
    this.#skipBreakpoint = settings.resumedAt;
  }

  start(): Promise<PipelineOutputs> {
    const promise = new Promise<PipelineOutputs>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    const { signal, tracer } = this.#settings;
    if (signal?.aborted) {
      this.#fail(
        new PipelineAbortedError("The pipeline run was cancelled before it started.", { cause: signal.reason }),
      );
      return promise;
    }
    if (signal) {
      const onAbort = () =>
        this.#fail(new PipelineAbortedError("The pipeline run was cancelled.", { cause: signal.reason }));
      signal.addEventListener("abort", onAbort, { once: true });
      promise.finally(() => signal.removeEventListener("abort", onAbort)).catch(() => {});
    }
    this.#span = tracer?.startSpan("trama.pipeline.run", this.#settings.attributes);
    this.#pump();
    return promise;
  }

  /** Starts every run whose inputs are certain, until all wait for a running component or the run is over. */
  #pump(): void {
    try {
      for (;;) {
        if (this.#settled) return;
        this.#refreshPlans();
        if (this.#stopAt) {
          if (this.#active.size === 0) this.#stopAtBreakpoint();
          return;
        }
        if (this.#active.size >= this.#settings.concurrency) return;
        const waiting = this.#waiting.filter((run): run is PlannedRun => run !== undefined).sort(compareRuns);
        const next = nextStartable(
          this.#graph,
          waiting,
          [...this.#active.values()].map((active) => active.plan),
          (node) => this.#active.has(node.index),
        );
        if (next) {
          this.#launch(next);
          continue;
        }
        if (this.#active.size > 0) return;
        if (waiting.length > 0)
          throw new TramaError(
            `Trama scheduler invariant broken (please report it): ${waiting.length} runs wait with nothing running.`,
          );
        const deferred = nextDeferred(this.#state);
        if (deferred) {
          this.#launch(deferred);
          continue;
        }
        this.#finish();
        return;
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  #refreshPlans(): void {
    for (const index of this.#stale) this.#waiting[index] = planRun(this.#state, this.#graph.nodes[index]!);
    this.#stale.clear();
    // Values older than every pending run can no longer be told apart: let sockets collapse them.
    let floor = this.#state.maxWave + 1;
    for (const run of this.#waiting) if (run && run.wave < floor) floor = run.wave;
    for (const active of this.#active.values()) if (active.plan.wave < floor) floor = active.plan.wave;
    this.#state.floorWave = floor;
  }

  #launch(plan: PlannedRun): void {
    const { node } = plan;
    const visit = this.#state.visits[node.index]! + 1;
    if (visit > this.#settings.maxRunsPerComponent) {
      throw new PipelineMaxRunsError(
        `Component '${node.name}' would run a ${ordinal(visit)} time, more than maxRunsPerComponent (${this.#settings.maxRunsPerComponent}) allows: most likely a loop that never exits. Check the loop's exit condition, or raise maxRunsPerComponent.`,
        node.name,
        this.#settings.maxRunsPerComponent,
      );
    }
    if (this.#isBreakpoint(node.name, visit)) {
      this.#stopAt = { component: node.name, visit };
      return;
    }
    this.#waiting[node.index] = undefined;
    const { inputs, consumed } = consumeInputs(this.#state, node, plan.wave);
    const span = this.#startSpan(node, visit, inputs);
    const active: ActiveRun = { plan, visit, consumed, span, startedAt: performance.now() };
    this.#active.set(node.index, active);
    this.#settings.onEvent?.({ type: "node-start", component: node.name, visit, inputs });
    let result: unknown;
    try {
      result = node.component.run(inputs, new ComponentRunContext(this, node.name, visit, span));
    } catch (error) {
      throw componentFailure(node, visit, error);
    }
    if (isThenable(result)) {
      result.then(
        (outputs) => {
          if (this.#settled) return;
          try {
            this.#complete(active, outputs);
          } catch (error) {
            this.#fail(error);
            return;
          }
          this.#pump();
        },
        (error) => this.#fail(componentFailure(node, visit, error)),
      );
    } else {
      this.#complete(active, result);
    }
  }

  #complete(active: ActiveRun, outputs: unknown): void {
    const { node, wave, order } = active.plan;
    checkOutputs(node, active.visit, outputs);
    commitOutputs(this.#state, node, outputs, wave, order);
    this.#active.delete(node.index);
    this.#stale.add(node.index);
    for (const edge of node.outEdges) this.#stale.add(edge.to);
    if (active.span) {
      active.span.setAttribute("trama.component.output.size", sizeOf(outputs));
      if (this.#settings.tracer?.recordContent) active.span.setAttribute("trama.component.output", preview(outputs));
      active.span.end();
    }
    this.#settings.onEvent?.({
      type: "node-end",
      component: node.name,
      visit: active.visit,
      outputs,
      durationMs: performance.now() - active.startedAt,
    });
  }

  #finish(): void {
    const blocked = findBlocked(this.#state);
    if (blocked.length > 0) {
      const error = blockedError(blocked, this.#state.seq === 0);
      error.snapshot = takeSnapshot(this.#state, "blocked");
      this.#settle(error);
      return;
    }
    this.#settings.onEvent?.({ type: "run-end", result: this.#state.result });
    this.#settle(undefined);
  }

  #isBreakpoint(component: string, visit: number): boolean {
    const skip = this.#skipBreakpoint;
    if (skip && skip.component === component && skip.visit === visit) {
      this.#skipBreakpoint = undefined;
      return false;
    }
    return this.#settings.breakpoints.some(
      (point) => point.component === component && (point.visit === undefined || point.visit === visit),
    );
  }

  #stopAtBreakpoint(): void {
    const { component, visit } = this.#stopAt!;
    const error = new PipelineBreakpoint(component, visit);
    error.snapshot = takeSnapshot(this.#state, "breakpoint", { component, visit });
    this.#settle(error);
  }

  /** Stops the run: cancels running components, puts their inputs back, and rejects with a snapshot. */
  #fail(error: unknown): void {
    if (this.#settled) return;
    this.#controller.abort(error);
    let failedAt: { component: string; visit: number } | undefined;
    for (const active of this.#active.values()) {
      restoreInputs(this.#state, active.plan.node, active.consumed);
      active.span?.recordError(error);
      active.span?.end();
      if (PipelineRuntimeError.isInstance(error) && error.details.component === active.plan.node.name) {
        failedAt = { component: active.plan.node.name, visit: active.visit };
      }
    }
    this.#active.clear();
    if (error instanceof PipelineRunError && !error.snapshot) {
      error.snapshot = takeSnapshot(this.#state, PipelineAbortedError.isInstance(error) ? "abort" : "error", failedAt);
    }
    this.#settle(error);
  }

  #settle(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    if (this.#span) {
      if (error !== undefined) this.#span.recordError(error);
      this.#span.setAttribute("trama.pipeline.output.components", Object.keys(this.#state.result));
      this.#span.end();
    }
    if (error === undefined) this.#resolve(this.#state.result);
    else this.#reject(error);
  }

  #startSpan(node: CompiledNode, visit: number, inputs: Record<string, unknown>): Span | undefined {
    const tracer = this.#settings.tracer;
    if (!tracer) return undefined;
    const span = tracer.startSpan(
      `trama.component.run`,
      {
        "trama.component.name": node.name,
        "trama.component.type": node.component.type,
        "trama.component.visit": visit,
        "trama.component.input.size": sizeOf(inputs),
      },
      this.#span,
    );
    if (tracer.recordContent) span.setAttribute("trama.component.input", preview(inputs));
    return span;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get streaming(): boolean {
    return this.#settings.onEvent !== undefined;
  }

  drained(): Promise<void> {
    return this.#settings.drained?.() ?? Promise.resolve();
  }

  emitChunk(component: string, visit: number, chunk: StreamChunk): void {
    if (!this.#settled) this.#settings.onEvent?.({ type: "node-chunk", component, visit, chunk });
  }
}

class ComponentRunContext implements RunContext {
  readonly #run: PipelineRun;
  constructor(
    run: PipelineRun,
    readonly component: string,
    readonly visit: number,
    readonly span: Span | undefined,
  ) {
    this.#run = run;
  }
  get signal() {
    return this.#run.signal;
  }
  get streaming() {
    return this.#run.streaming;
  }
  emit(chunk: StreamChunk): void {
    this.#run.emitChunk(this.component, this.visit, chunk);
  }
  drained(): Promise<void> {
    return this.#run.drained();
  }
}

function componentFailure(node: CompiledNode, visit: number, error: unknown): PipelineRuntimeError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PipelineRuntimeError(
    `Component '${node.name}' (${node.component.type}) failed on visit ${visit}: ${reason}`,
    {
      component: node.name,
      componentType: node.component.type,
      visit,
      cause: error,
    },
  );
}

function checkOutputs(node: CompiledNode, visit: number, outputs: unknown): asserts outputs is Record<string, unknown> {
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) {
    throw new PipelineRuntimeError(
      `Component '${node.name}' (${node.component.type}) returned ${outputs === null ? "null" : Array.isArray(outputs) ? "an array" : typeof outputs} on visit ${visit}; run() must return an object of outputs, such as { ${node.outputs[0] ?? "result"}: … }.`,
      { component: node.name, componentType: node.component.type, visit },
    );
  }
  for (const key of Object.keys(outputs)) {
    if (!node.outputs.includes(key)) {
      throw new PipelineRuntimeError(
        `Component '${node.name}' (${node.component.type}) returned an output '${key}' it does not declare. Its outputs are: ${node.outputs.join(", ") || "none"}. Declare it, or stop returning it.`,
        { component: node.name, componentType: node.component.type, visit },
      );
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** A rough size for tracing: characters of strings, items of lists, summed over an object's values. */
function sizeOf(value: unknown, depth = 0): number {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value))
    return depth > 2 ? value.length : value.reduce((sum: number, item) => sum + sizeOf(item, depth + 1), 0);
  if (value && typeof value === "object") {
    if (depth > 2) return 1;
    let total = 0;
    for (const inner of Object.values(value)) total += sizeOf(inner, depth + 1);
    return total;
  }
  return value === undefined ? 0 : 1;
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text;
  } catch {
    return String(value);
  }
}
