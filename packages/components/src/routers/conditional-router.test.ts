import { ComponentRegistry, Document, documentType, Pipeline, PipelineRuntimeError, t } from "@trama/core";
import { describe, expect, it } from "vitest";
import { components } from "../components.js";
import { ConditionalRouter, NoRouteSelectedError } from "./conditional-router.js";

describe("ConditionalRouter", () => {
  const router = () =>
    ConditionalRouter({
      routes: [
        {
          condition: "{{ documents|length > 1 }}",
          output: ["{{ documents }}", "{{ documents|length }}"],
          outputName: ["many", "count"],
          outputType: [t.list(documentType), "number"],
        },
        {
          condition: "{{ documents|length == 1 }}",
          output: "{{ documents[0] }}",
          outputName: "one",
          outputType: documentType,
        },
      ],
    });

  it("emits real values on the first route that holds, and nothing on the others", async () => {
    const documents = [new Document({ content: "a" }), new Document({ content: "b" })];
    const pipeline = new Pipeline().add("router", router());
    const many = await pipeline.run({ router: { documents } });
    expect(many).toEqual({ router: { many: documents, count: 2 } });
    expect((many.router!.many as Document[])[0]).toBeInstanceOf(Document);
    expect(await pipeline.run({ router: { documents: documents.slice(1) } })).toEqual({
      router: { one: documents[1] },
    });
  });

  it("fails with the conditions when no route holds", async () => {
    const error = await new Pipeline()
      .add("router", router())
      .run({ router: { documents: [] } })
      .catch((caught) => caught);
    expect(PipelineRuntimeError.isInstance(error)).toBe(true);
    expect(error.cause).toBeInstanceOf(NoRouteSelectedError);
    expect(error.message).toContain(
      "'router': no route's condition holds. Conditions: {{ documents|length > 1 }} | {{ documents|length == 1 }}",
    );
  });

  it("checks its routes when built", () => {
    expect(() => ConditionalRouter({ routes: [] })).toThrow(/at least one route/);
    expect(() =>
      ConditionalRouter({
        routes: [{ condition: "{{ x }}", output: ["{{ x }}"], outputName: ["a", "b"], outputType: "string" }],
      }),
    ).toThrow(/as many outputs/);
  });

  it("round-trips through YAML with type names", async () => {
    const pipeline = new Pipeline().add("router", router());
    const loaded = Pipeline.fromYAML(pipeline.toYAML(), { registry: new ComponentRegistry(components) });
    expect(loaded.toYAML()).toContain("list<Document>");
    expect(await loaded.run({ router: { documents: [new Document({ content: "a" })] } })).toEqual({
      router: { one: new Document({ content: "a" }) },
    });
  });
});
