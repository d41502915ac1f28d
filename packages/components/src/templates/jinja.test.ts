import { ChatMessage, Document } from "@trama/core";
import { describe, expect, it } from "vitest";
import { compileTemplate, TemplateError } from "./jinja.js";

describe("compileTemplate", () => {
  it("finds the variables a template reads, not the ones it defines", () => {
    const template = compileTemplate(
      "{% set greeting = 'hi' %}{{ greeting }} {{ name }}{% for d in documents %}{{ d.content }}{{ loop.index }}{% endfor %}{{ items|join(', ', attribute=key) }}",
    );
    expect(template.variables).toEqual(["name", "documents", "items", "key"]);
  });

  it("renders with Jinja's defaults: blocks keep their newlines", () => {
    const template = compileTemplate("A\n{% if x %}\nX\n{% endif %}\nB");
    expect(template.render({ x: false })).toBe("A\n\nB");
    expect(template.render({ x: true })).toBe("A\n\nX\n\nB");
  });

  it("compares lists by value and joins attributes", () => {
    expect(compileTemplate("{{ replies == ['Rome'] }}").evaluate({ replies: ["Rome"] })).toBe(true);
    expect(compileTemplate("{{ replies != ['Rome'] }}").evaluate({ replies: ["Paris"] })).toBe(true);
    const documents = [new Document({ content: "a" }), new Document({ content: "b" })];
    expect(compileTemplate("{{ documents|join(', ', attribute='content') }}").render({ documents })).toBe("a, b");
  });

  it("evaluates a single expression to a real value, handing back the objects given", () => {
    const documents = [new Document({ content: "a" })];
    expect(compileTemplate("{{ documents }}").evaluate({ documents })).toBe(documents);
    expect(compileTemplate(" {{ documents[0] }} ").evaluate({ documents })).toBe(documents[0]);
    expect(compileTemplate("{{ replies[-1] }}").evaluate({ replies: ["x", "y"] })).toBe("y");
    expect(compileTemplate("{{ number + 2 }}").evaluate({ number: 2 })).toBe(4);
    expect(compileTemplate("{{ documents|length > 0 }}").evaluate({ documents })).toBe(true);
    expect(compileTemplate("n={{ number }}").evaluate({ number: 2 })).toBe("n=2");
    expect(compileTemplate("{{ true }}").evaluate({})).toBe(true);
    expect(compileTemplate("{{ missing }}").evaluate({})).toBeUndefined();
  });

  it("exposes message text and document fields, not class internals", () => {
    const message = ChatMessage.assistant("hello");
    expect(compileTemplate("{{ m.text }}/{{ m.role }}").render({ m: message })).toBe("hello/assistant");
    expect(compileTemplate("{{ m.constructor }}").render({ m: message })).toBe("");
  });

  it("cannot execute code", () => {
    const attempt = compileTemplate("{{ ''.constructor.constructor('return process')() }}");
    expect(() => attempt.render({})).toThrow(TemplateError);
  });

  it("names the problem when a template does not parse", () => {
    expect(() => compileTemplate("{% if x %}unclosed")).toThrow(/does not parse/);
  });
});
