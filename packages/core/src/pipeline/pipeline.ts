import type { AnyComponent } from "../component/component.js";
import { PipelineDefinitionError } from "../errors/pipeline-errors.js";
import { getTracer, type Tracer } from "../tracing/tracer.js";
import { SocketType, toInputSocket } from "../types/socket-type.js";
import type {
  AnyReceiverAddress,
  CheckedReceiver,
  ComponentMap,
  PipelineInputs,
  PipelineResult,
  SenderAddress,
} from "./addresses.js";
import { resolveConnection } from "./connect.js";
import { drawMermaid } from "./draw-mermaid.js";
import type { PipelineEvent } from "./events.js";
import { type Connection, PipelineGraph } from "./graph.js";
import { FORBIDDEN_KEYS } from "./read-pipeline-file.js";
import { prepareRunInputs } from "./run-inputs.js";
import { type Breakpoint, runPipeline } from "./run-pipeline.js";
import { createRunState } from "./run-state.js";
import {
  type LoadOptions,
  type PipelineJSON,
  pipelineFromJSON,
  pipelineFromYAML,
  pipelineToJSON,
  pipelineToYAML,
} from "./serialize-pipeline.js";
import { type PipelineSnapshot, restoreRunState } from "./snapshot.js";
import { PipelineStream } from "./stream.js";

export interface PipelineOptions {
  /** How often one component may run in one pipeline run; stops loops that never exit. Default 100. */
  maxRunsPerComponent?: number;
  /** How many components may run at the same time. Default 8. */
  concurrency?: number;
  /** Free-form data saved with the pipeline. */
  metadata?: Record<string, unknown>;
  /** Where spans go; defaults to the tracer set with `setTracer`. */
  tracer?: Tracer;
}

export interface RunOptions<C extends ComponentMap = ComponentMap> {
  /** Also return every output of these components, including the ones other components consume. */
  includeOutputsFrom?: Iterable<keyof C & string>;
  /** Cancels the run; the signal reaches every running component. */
  signal?: AbortSignal;
  /** Overrides the pipeline's concurrency for this run. */
  concurrency?: number;
  /** Stop before these components run, with a snapshot to resume from. */
  breakpoints?: Breakpoint[];
  /** Continue a run from the snapshot of a failure, breakpoint or cancellation; `inputs` are then ignored. */
  resume?: PipelineSnapshot;
  /** Overrides the pipeline's tracer for this run. */
  tracer?: Tracer;
}

/** What a pipeline file holds (see `serialize-pipeline.ts`). */
export interface PipelineSettings {
  readonly maxRunsPerComponent: number;
  readonly concurrency: number;
  readonly metadata: Record<string, unknown>;
}

/**
 * A graph of components. Add components, connect their sockets, run it.
 *
 * @example
 * const pipeline = new Pipeline()
 *   .add("prompt", PromptBuilder({ template: "Answer: {{ question }}" }))
 *   .add("llm", generator)
 *   .connect("prompt.prompt", "llm.prompt");
 * const result = await pipeline.run({ prompt: { question: "Why is the sky blue?" } });
 */
export class Pipeline<C extends ComponentMap = {}> {
  readonly graph = new PipelineGraph();
  readonly maxRunsPerComponent: number;
  readonly concurrency: number;
  readonly metadata: Record<string, unknown>;
  readonly tracer: Tracer | undefined;
  readonly #warmUps = new Map<AnyComponent, Promise<void>>();
  /** The components known to be warm, so runs skip the warm-up step once it is done. */
  #warm = new Set<AnyComponent>();

  constructor(options: PipelineOptions = {}) {
    this.maxRunsPerComponent = positiveInteger(options.maxRunsPerComponent ?? 100, "maxRunsPerComponent");
    this.concurrency = positiveInteger(options.concurrency ?? 8, "concurrency");
    this.metadata = options.metadata ?? {};
    this.tracer = options.tracer;
  }

  /** Adds a component under a unique name. Returns the pipeline, typed with the new component. */
  add<N extends string, K extends AnyComponent>(name: N, component: K): Pipeline<C & { [P in N]: K }> {
    if (typeof name !== "string" || name.length === 0 || name.includes(".") || FORBIDDEN_KEYS.has(name)) {
      throw new PipelineDefinitionError(
        `Component name '${String(name)}' is invalid: use a non-empty name without dots, other than __proto__, constructor and prototype.`,
      );
    }
    if (this.graph.components.has(name)) {
      throw new PipelineDefinitionError(`A component named '${name}' is already in the pipeline. Pick another name.`);
    }
    checkComponent(name, component);
    for (const [other, existing] of this.graph.components) {
      if (existing === component) {
        throw new PipelineDefinitionError(
          `This component instance is already in the pipeline as '${other}'. Create a new instance for '${name}'.`,
        );
      }
    }
    this.graph.add(name, component);
    return this as unknown as Pipeline<C & { [P in N]: K }>;
  }

  /**
   * Connects an output to an input: `connect("retriever.documents", "prompt.documents")`. Socket names may be left
   * out where only one pairing fits. Errors list the candidate sockets, their types and who already feeds them.
   *
   * On a chained pipeline (`new Pipeline().add(…).add(…).connect(…)`) the compiler knows every component and rejects a
   * receiver that cannot take the sender's values, naming both types:
   * `'"num.value"' is not assignable to '"✗ text.text sends string, but num.value takes number"'`. A pipeline built
   * statement by statement (`p.add(…); p.connect(…)`) or loaded from a file has no static component types: its
   * connections are checked when `connect` runs.
   */
  connect<S extends SenderAddress<C>, R extends AnyReceiverAddress<C>>(
    sender: S,
    receiver: CheckedReceiver<C, S, R>,
  ): this {
    this.graph.addConnection(resolveConnection(this.graph, sender, receiver as string));
    return this;
  }

  /** Removes a component and its connections. */
  remove(name: keyof C & string): this {
    if (!this.graph.components.has(name))
      throw new PipelineDefinitionError(`There is no component '${name}' to remove.`);
    this.graph.remove(name);
    return this;
  }

  /** The component added under `name`. */
  get<N extends keyof C & string>(name: N): C[N] {
    const component = this.graph.components.get(name);
    if (!component)
      throw new PipelineDefinitionError(
        `There is no component '${name}'. Components: ${[...this.graph.components.keys()].join(", ")}.`,
      );
    return component as C[N];
  }

  get components(): ReadonlyMap<string, AnyComponent> {
    return this.graph.components;
  }

  get connections(): readonly Connection[] {
    return this.graph.connections;
  }

  /** Sockets nobody feeds, per component: what a run may or must be given. */
  inputs(): Record<string, Record<string, { type: string; mandatory: boolean; default?: unknown }>> {
    const result: Record<string, Record<string, { type: string; mandatory: boolean; default?: unknown }>> = {};
    for (const node of this.graph.compile().nodes) {
      const free = node.inputs.filter((input) => input.senders.length === 0 || input.variadic !== "none");
      if (free.length === 0) continue;
      result[node.name] = Object.fromEntries(
        free.map((input) => [
          input.name,
          {
            type: input.type.name,
            mandatory: input.mandatory && input.senders.length === 0,
            ...(input.mandatory ? {} : { default: input.defaultValue }),
          },
        ]),
      );
    }
    return result;
  }

  /** Outputs nobody consumes, per component: what a run returns. */
  outputs(): Record<string, Record<string, { type: string }>> {
    const result: Record<string, Record<string, { type: string }>> = {};
    for (const node of this.graph.compile().nodes) {
      const free = node.outputs.filter((output) => !node.connectedOutputs.has(output));
      if (free.length === 0) continue;
      const declared = node.component.outputs as Record<string, SocketType>;
      result[node.name] = Object.fromEntries(free.map((output) => [output, { type: declared[output]!.name }]));
    }
    return result;
  }

  /** Calls each component's `warmUp` once. `run` does this itself; call it to pay the cost up front. */
  #isWarm(): boolean {
    for (const component of this.graph.components.values()) if (!this.#warm.has(component)) return false;
    return true;
  }

  async warmUp(): Promise<void> {
    if (this.#isWarm()) return;
    await Promise.all(
      [...this.graph.components.values()].map((component) => {
        let warming = this.#warmUps.get(component);
        if (!warming) {
          warming = Promise.resolve(component.warmUp?.()).then(() => {
            this.#warm.add(component);
          });
          this.#warmUps.set(component, warming);
          warming.catch(() => this.#warmUps.delete(component));
        }
        return warming;
      }),
    );
  }

  /**
   * Runs the pipeline. Inputs go per component (`{ retriever: { query } }`) or flat (`{ query }`, to every free socket
   * of that name). Resolves to the outputs no component consumed, per component.
   */
  async run(inputs: PipelineInputs<C> = {}, options: RunOptions<C> = {}): Promise<PipelineResult<C>> {
    return (await this.#execute(inputs, options, undefined)) as PipelineResult<C>;
  }

  /**
   * Runs the pipeline and streams what happens: `node-start`, `node-chunk` (streamed by components such as
   * generators), `node-end`, and `run-end` with the result. Breaking out of the loop cancels the run.
   */
  stream(inputs: PipelineInputs<C> = {}, options: RunOptions<C> = {}): PipelineStream<PipelineResult<C>> {
    return new PipelineStream((onEvent, signal, drained) =>
      this.#execute(
        inputs,
        { ...options, signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal },
        onEvent,
        drained,
      ),
    ) as PipelineStream<PipelineResult<C>>;
  }

  /** The pipeline as plain data, in the shape Haystack users know. */
  toJSON(): PipelineJSON {
    return pipelineToJSON(this);
  }

  toYAML(): string {
    return pipelineToYAML(this);
  }

  /** Mermaid text of the pipeline's graph. */
  toMermaid(): string {
    return drawMermaid(this.graph);
  }

  /** Builds a pipeline from YAML or JSON text; only registered component types are instantiated. */
  static fromYAML(text: string, options?: LoadOptions): Pipeline<Record<string, AnyComponent>> {
    return pipelineFromYAML(text, options);
  }

  /** Builds a pipeline from its plain-data form. */
  static fromJSON(json: unknown, options?: LoadOptions): Pipeline<Record<string, AnyComponent>> {
    return pipelineFromJSON(json, options);
  }

  async #execute(
    inputs: PipelineInputs<C>,
    options: RunOptions<C>,
    onEvent: ((event: PipelineEvent) => void) | undefined,
    drained?: () => Promise<void>,
  ) {
    const graph = this.graph.compile();
    const include = new Set<string>(options.includeOutputsFrom ?? []);
    for (const name of include) {
      if (!graph.byName.has(name))
        throw new PipelineDefinitionError(`includeOutputsFrom names '${name}', which is not in the pipeline.`);
    }
    for (const point of options.breakpoints ?? []) {
      if (!graph.byName.has(point.component))
        throw new PipelineDefinitionError(`A breakpoint names '${point.component}', which is not in the pipeline.`);
    }
    let state: ReturnType<typeof createRunState>;
    if (options.resume) {
      state = restoreRunState(graph, options.resume);
    } else {
      const prepared = prepareRunInputs(graph, inputs as Record<string, unknown>);
      state = createRunState(graph, prepared, include);
      onEvent?.({
        type: "run-start",
        inputs: Object.fromEntries([...prepared].map(([index, values]) => [graph.nodes[index]!.name, values])),
      });
    }
    if (!this.#isWarm()) await this.warmUp();
    return runPipeline(graph, state, {
      maxRunsPerComponent: this.maxRunsPerComponent,
      concurrency: positiveInteger(options.concurrency ?? this.concurrency, "concurrency"),
      signal: options.signal,
      breakpoints: options.breakpoints ?? [],
      resumedAt: options.resume?.reason === "breakpoint" ? options.resume.at : undefined,
      tracer: options.tracer ?? this.tracer ?? getTracer(),
      onEvent,
      drained,
      attributes: {
        "trama.pipeline.components": graph.nodes.length,
        "trama.pipeline.max_runs_per_component": this.maxRunsPerComponent,
      },
    });
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new PipelineDefinitionError(`${name} must be a positive integer, got ${value}.`);
  return value;
}

function checkComponent(name: string, component: AnyComponent): void {
  const problem = (what: string) =>
    new PipelineDefinitionError(
      `Component '${name}' ${what}. Define components with defineComponent() or implement the Component interface.`,
    );
  if (typeof component !== "object" || component === null) throw problem("is not an object");
  if (typeof component.run !== "function") throw problem("has no run() method");
  if (typeof component.type !== "string" || component.type.length === 0) throw problem("has no type name");
  if (typeof component.inputs !== "object" || component.inputs === null) throw problem("declares no inputs object");
  if (typeof component.outputs !== "object" || component.outputs === null) throw problem("declares no outputs object");
  for (const [socket, declared] of Object.entries(component.inputs)) {
    const input =
      declared instanceof SocketType ? toInputSocket(declared) : (declared as ReturnType<typeof toInputSocket>);
    if (!(input?.type instanceof SocketType)) {
      throw problem(`declares input '${socket}' without a socket type (use t.string, t.list(t.number), …)`);
    }
  }
  for (const [socket, declared] of Object.entries(component.outputs)) {
    if (!(declared instanceof SocketType))
      throw problem(`declares output '${socket}' without a socket type (use t.string, …)`);
  }
}
