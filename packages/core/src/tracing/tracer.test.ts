import { describe, expect, it } from "vitest";
import { Pipeline } from "../pipeline/pipeline.js";
import { Add, Double } from "../pipeline/test-components.js";
import type { AttributeValue, Span, Tracer } from "./tracer.js";

interface RecordedSpan {
  name: string;
  attributes: Record<string, AttributeValue>;
  parent?: RecordedSpan;
  ended: boolean;
  errors: unknown[];
}

function recordingTracer(recordContent: boolean): Tracer & { spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = [];
  return {
    spans,
    recordContent,
    startSpan(name, attributes, parent) {
      const recorded: RecordedSpan = {
        name,
        attributes: { ...attributes },
        parent: spans.find((s) => (s as unknown as Span) === parent),
        ended: false,
        errors: [],
      };
      const span: Span = {
        setAttribute: (key, value) => {
          recorded.attributes[key] = value;
        },
        recordError: (error) => recorded.errors.push(error),
        end: () => {
          recorded.ended = true;
        },
      };
      spans.push(Object.assign(recorded, span));
      return recorded as unknown as Span;
    },
  };
}

describe("tracing", () => {
  const pipeline = (tracer: Tracer) =>
    new Pipeline({ tracer }).add("add", Add()).add("double", Double()).connect("add", "double");

  it("records a span per run and per component run, with name, type, visit and sizes", async () => {
    const tracer = recordingTracer(false);
    await pipeline(tracer).run({ add: { value: 1 } });
    expect(tracer.spans.map((span) => span.name)).toEqual([
      "trama.pipeline.run",
      "trama.component.run",
      "trama.component.run",
    ]);
    const [run, add, double] = tracer.spans;
    expect(add!.parent).toBe(run);
    expect(add!.attributes).toMatchObject({
      "trama.component.name": "add",
      "trama.component.type": "test.Add",
      "trama.component.visit": 1,
      "trama.component.input.size": 1,
    });
    expect(double!.attributes["trama.component.output.size"]).toBe(1);
    expect(tracer.spans.every((span) => span.ended)).toBe(true);
    expect(add!.attributes["trama.component.input"]).toBeUndefined();
  });

  it("records inputs and outputs only when content recording is on", async () => {
    const tracer = recordingTracer(true);
    await pipeline(tracer).run({ add: { value: 1 } });
    expect(tracer.spans[1]!.attributes["trama.component.input"]).toBe('{"value":1}');
    expect(tracer.spans[2]!.attributes["trama.component.output"]).toBe('{"value":4}');
  });
});
