/**
 * `@trama/otel`: sends Trama's pipeline and component spans to OpenTelemetry.
 *
 * @example
 * import { setTracer } from "@trama/core";
 * import { OpenTelemetryTracer } from "@trama/otel";
 * setTracer(new OpenTelemetryTracer());
 * @module
 */
import { context, type Span as OtelSpan, type Tracer as OtelTracer, SpanStatusCode, trace } from "@opentelemetry/api";
import type { AttributeValue, Span, Tracer } from "@trama/core";

class OpenTelemetrySpan implements Span {
  constructor(readonly span: OtelSpan) {}
  setAttribute(key: string, value: AttributeValue): void {
    this.span.setAttribute(key, value);
  }
  recordError(error: unknown): void {
    if (error instanceof Error) this.span.recordException(error);
    this.span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  end(): void {
    this.span.end();
  }
}

/**
 * A Trama tracer backed by an OpenTelemetry tracer. Component spans are children of their pipeline span, and the
 * pipeline span joins whatever span is active when the run starts.
 */
export class OpenTelemetryTracer implements Tracer {
  readonly recordContent: boolean;
  readonly #tracer: OtelTracer;

  constructor(options: { tracer?: OtelTracer; recordContent?: boolean } = {}) {
    this.#tracer = options.tracer ?? trace.getTracer("trama");
    this.recordContent = options.recordContent ?? false;
  }

  startSpan(name: string, attributes: Record<string, AttributeValue>, parent?: Span): Span {
    const parentContext =
      parent instanceof OpenTelemetrySpan ? trace.setSpan(context.active(), parent.span) : context.active();
    return new OpenTelemetrySpan(this.#tracer.startSpan(name, { attributes }, parentContext));
  }
}
