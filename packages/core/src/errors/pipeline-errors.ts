import type { PipelineSnapshot } from "../pipeline/snapshot.js";
import { hasMarker, TramaError } from "./trama-error.js";

const connectMarker = Symbol.for("trama.error.PipelineConnectError");
/** Two sockets cannot be connected: unknown component or socket, incompatible types, or an ambiguous connection. */
export class PipelineConnectError extends TramaError {
  readonly [connectMarker] = true;
  static override isInstance(error: unknown): error is PipelineConnectError {
    return hasMarker(error, connectMarker);
  }
}

const definitionMarker = Symbol.for("trama.error.PipelineDefinitionError");
/** A pipeline or component is built wrongly: a duplicate name, an invalid socket declaration, a bad option. */
export class PipelineDefinitionError extends TramaError {
  readonly [definitionMarker] = true;
  static override isInstance(error: unknown): error is PipelineDefinitionError {
    return hasMarker(error, definitionMarker);
  }
}

const inputMarker = Symbol.for("trama.error.PipelineInputError");
/** The inputs given to `run` do not fit the pipeline: unknown component or socket, missing mandatory input. */
export class PipelineInputError extends TramaError {
  readonly [inputMarker] = true;
  static override isInstance(error: unknown): error is PipelineInputError {
    return hasMarker(error, inputMarker);
  }
}

/** Errors raised while a pipeline runs carry the state needed to resume it. */
export abstract class PipelineRunError extends TramaError {
  /** The pipeline state when the run stopped; pass it to `run(…, { resume })` to continue. */
  snapshot?: PipelineSnapshot;
}

const runtimeMarker = Symbol.for("trama.error.PipelineRuntimeError");
/** A component failed, returned something that is not an object of outputs, or a connection could not convert a value. */
export class PipelineRuntimeError extends PipelineRunError {
  readonly [runtimeMarker] = true;
  constructor(
    message: string,
    readonly details: { component?: string; componentType?: string; visit?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }
  static override isInstance(error: unknown): error is PipelineRuntimeError {
    return hasMarker(error, runtimeMarker);
  }
}

const maxRunsMarker = Symbol.for("trama.error.PipelineMaxRunsError");
/** A component would run more often than `maxRunsPerComponent` allows: most likely a loop that never exits. */
export class PipelineMaxRunsError extends PipelineRunError {
  readonly [maxRunsMarker] = true;
  constructor(
    message: string,
    readonly component: string,
    readonly maxRuns: number,
  ) {
    super(message);
  }
  static override isInstance(error: unknown): error is PipelineMaxRunsError {
    return hasMarker(error, maxRunsMarker);
  }
}

/** One component that holds inputs it can never use, with what it still waits for. */
export interface BlockedComponent {
  component: string;
  /** Sockets that received a value the component never consumed. */
  received: string[];
  /** The sockets it still waits for, and from whom. */
  waitingFor: Array<{ socket: string; senders: Array<{ component: string; socket: string; status: string }> }>;
}

const blockedMarker = Symbol.for("trama.error.PipelineBlockedError");
/** The pipeline cannot finish: components wait for inputs that will never arrive. The message holds the diagnosis. */
export class PipelineBlockedError extends PipelineRunError {
  readonly [blockedMarker] = true;
  constructor(
    message: string,
    readonly blocked: BlockedComponent[],
  ) {
    super(message);
  }
  static override isInstance(error: unknown): error is PipelineBlockedError {
    return hasMarker(error, blockedMarker);
  }
}

const breakpointMarker = Symbol.for("trama.error.PipelineBreakpoint");
/** Thrown when a run reaches a breakpoint; `snapshot` resumes it. Not a failure. */
export class PipelineBreakpoint extends PipelineRunError {
  readonly [breakpointMarker] = true;
  constructor(
    readonly component: string,
    readonly visit: number,
  ) {
    super(`The pipeline stopped at the breakpoint before '${component}' (visit ${visit}). Resume with its snapshot.`);
  }
  static override isInstance(error: unknown): error is PipelineBreakpoint {
    return hasMarker(error, breakpointMarker);
  }
}

const abortedMarker = Symbol.for("trama.error.PipelineAbortedError");
/** The run was cancelled through its `AbortSignal`. */
export class PipelineAbortedError extends PipelineRunError {
  readonly [abortedMarker] = true;
  static override isInstance(error: unknown): error is PipelineAbortedError {
    return hasMarker(error, abortedMarker);
  }
}
