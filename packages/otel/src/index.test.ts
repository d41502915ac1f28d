import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { defineComponent, Pipeline, t } from "@trama/core";
import { describe, expect, it } from "vitest";
import { OpenTelemetryTracer } from "./index.js";

const Add = defineComponent({
  type: "otel.Add",
  inputs: { value: t.number },
  outputs: { result: t.number },
  run: ({ value }) => ({ result: value + 1 }),
});
const Fail = defineComponent({
  type: "otel.Fail",
  inputs: { result: t.number },
  outputs: {},
  run: () => {
    throw new Error("boom");
  },
});

describe("OpenTelemetryTracer", () => {
  it("exports a pipeline span with component spans as children, errors marked", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = new OpenTelemetryTracer({ tracer: provider.getTracer("test") });
    const pipeline = new Pipeline({ tracer }).add("add", Add()).add("fail", Fail()).connect("add", "fail");
    await expect(pipeline.run({ add: { value: 1 } })).rejects.toThrow(/boom/);
    const spans = exporter.getFinishedSpans();
    const run = spans.find((span) => span.name === "trama.pipeline.run")!;
    const components = spans.filter((span) => span.name === "trama.component.run");
    expect(components.map((span) => span.attributes["trama.component.name"])).toEqual(["add", "fail"]);
    for (const span of components) expect(span.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(components[1]!.status.code).toBe(2);
    expect(run.status.code).toBe(2);
  });
});
