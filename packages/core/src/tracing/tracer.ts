/** Attribute values a span can hold. */
export type AttributeValue = string | number | boolean | string[] | number[];

/** One timed operation: a pipeline run or a component run. */
export interface Span {
  setAttribute(key: string, value: AttributeValue): void;
  recordError(error: unknown): void;
  end(): void;
}

/**
 * Where spans go. The pipeline calls it only when one is set, so tracing that is off costs nothing.
 * `@trama/otel` adapts OpenTelemetry to this interface.
 */
export interface Tracer {
  /** Starts a span; `parent` is the pipeline span for component spans. */
  startSpan(name: string, attributes: Record<string, AttributeValue>, parent?: Span): Span;
  /** When true, spans also carry inputs and outputs (which may contain personal data). Off by default. */
  readonly recordContent?: boolean;
}

let globalTracer: Tracer | undefined;

/** Sets the tracer pipelines use when a run does not pass its own; `undefined` turns tracing off. */
export function setTracer(tracer: Tracer | undefined): void {
  globalTracer = tracer;
}

/** The tracer set with `setTracer`, if any. */
export function getTracer(): Tracer | undefined {
  return globalTracer;
}
