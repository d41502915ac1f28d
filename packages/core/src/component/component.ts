import type { Span } from "../tracing/tracer.js";
import type { InputSocketMap, InputValues, OutputSocketMap, OutputValues } from "../types/socket-type.js";

/** A piece of streamed output, such as `{ type: "text-delta", text }` from a chat generator. */
export interface StreamChunk {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** What a component receives from the pipeline on each run, besides its inputs. */
export interface RunContext {
  /** The component's name in the pipeline. */
  readonly component: string;
  /** 1 on the first run of this component in this pipeline run, 2 on the second, … */
  readonly visit: number;
  /** Aborted when the run is cancelled or another component fails: pass it on to every request. */
  readonly signal: AbortSignal;
  /** True when someone consumes the pipeline's stream; components may skip building chunks otherwise. */
  readonly streaming: boolean;
  /** Sends a chunk to `pipeline.stream()` consumers as a `node-chunk` event; does nothing when nobody listens. */
  emit(chunk: StreamChunk): void;
  /** The tracing span of this component run, when tracing is on. */
  readonly span: Span | undefined;
  /**
   * Resolves once the stream's consumer has taken every chunk emitted so far (at once when nobody streams). A
   * component that emits many chunks in a burst can await it after the first, so that chunk reaches the consumer
   * before the component does more work.
   */
  drained(): Promise<void>;
}

/**
 * The component contract (version 1).
 *
 * A component declares typed input sockets (mandatory, or with a default) and typed output sockets, and `run`
 * returns any subset of its outputs: a router emits on the outputs of the branch it takes and nothing else.
 * Construction stays cheap, with serializable parameters (`toConfig`); heavy setup such as loading a model goes in
 * `warmUp`, which a pipeline calls once before the first run.
 */
export interface Component<I extends InputSocketMap = InputSocketMap, O extends OutputSocketMap = OutputSocketMap> {
  /** The registry name, used in pipeline files: `trama.PromptBuilder`. */
  readonly type: string;
  readonly inputs: I;
  readonly outputs: O;
  run(inputs: InputValues<I>, context: RunContext): OutputValues<O> | Promise<OutputValues<O>>;
  /** One-time setup, called by the pipeline before its first run. */
  warmUp?(): void | Promise<void>;
  /** The parameters that rebuild this component through the registry; needed to save a pipeline. */
  toConfig?(): Record<string, unknown>;
}

/** Any component, whatever its sockets. */
export type AnyComponent = Component<any, any>;
