import { describe, expect, it } from "vitest";
import { PipelineDefinitionError } from "../errors/pipeline-errors.js";
import { SerializationError } from "../errors/serialization-error.js";
import { Pipeline } from "./pipeline.js";
import { Add, testRegistry } from "./test-components.js";

const registry = testRegistry();
const load = (text: string, maxBytes?: number) => () =>
  Pipeline.fromYAML(text, { registry, file: "hostile.yml", ...(maxBytes ? { maxBytes } : {}) });

/** The error a load throws, checked to be a SerializationError. */
function refusal(text: string, maxBytes?: number): SerializationError {
  try {
    load(text, maxBytes)();
  } catch (error) {
    expect(SerializationError.isInstance(error)).toBe(true);
    return error as SerializationError;
  }
  throw new Error("the file was loaded");
}

describe("hostile pipeline files", () => {
  it.each([
    ["a component name", "components:\n  __proto__:\n    type: test.Add\n", 2],
    ["a parameter", "components:\n  a:\n    type: test.Add\n    init_parameters:\n      constructor: { add: 1 }\n", 5],
    ["metadata", "metadata:\n  nested:\n    prototype: x\ncomponents: {}\n", 3],
    ["a quoted key", 'components: {}\nmetadata: { "__proto__": { polluted: true } }\n', 2],
  ])("refuses prototype-reaching keys in %s, naming the line", (_where, text, line) => {
    const error = refusal(text);
    expect(error.message).toMatch(new RegExp(`^hostile.yml:${line}:\\d+: The key '(__proto__|constructor|prototype)'`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses YAML tags outside the core schema instead of keeping them as strings", () => {
    const js =
      'components:\n  a:\n    type: test.Add\n    init_parameters:\n      add: !!js/function "function () { return 1 }"\n';
    expect(refusal(js).message).toMatch(/^hostile.yml:5:\d+: Invalid YAML: .*tag.*custom !tags are not allowed/);
    expect(refusal("components:\n  a: !custom { type: test.Add }\n").message).toMatch(/^hostile.yml:2:\d+: .*tag/);
    expect(refusal("components: !!set { a: null }\n").message).toMatch(/tag/);
  });

  it("refuses alias bombs before expanding them", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const error = refusal(`metadata:\n  ${levels.join("\n  ")}\ncomponents: {}\n`);
    expect(error.message).toMatch(/^hostile.yml:\d+:\d+: The file's YAML aliases expand too much/);
  });

  it("allows the few aliases real files use", () => {
    const text = "metadata:\n  shared: &shared { owner: team }\n  copy: *shared\ncomponents: {}\n";
    expect(Pipeline.fromYAML(text, { registry }).metadata).toEqual({
      shared: { owner: "team" },
      copy: { owner: "team" },
    });
  });

  it("refuses oversized files, saying how to allow them", () => {
    const big = `metadata:\n  note: "${"x".repeat(2048)}"\ncomponents: {}\n`;
    expect(refusal(big, 1024).message).toMatch(/^hostile.yml: The pipeline file is \d+ bytes, over the limit of 1024/);
    expect(() => load(big)()).not.toThrow();
  });

  it("refuses unknown keys on components and connections instead of dropping them", () => {
    expect(refusal("components:\n  a:\n    type: test.Add\n    init_parmeters: { add: 1 }\n").message).toMatch(
      /^hostile.yml:4:\d+: Component 'a' has an unknown key 'init_parmeters'/,
    );
    const connection =
      "components:\n  a: { type: test.Add }\n  b: { type: test.Add }\nconnections:\n  - { sender: a.result, receiver: b.value, via: x }\n";
    expect(refusal(connection).message).toMatch(
      /^hostile.yml:5:\d+: Each connection has exactly 'sender' and 'receiver'/,
    );
  });

  it("refuses prototype-reaching keys in plain data too", () => {
    const json = JSON.parse('{"components": {"a": {"type": "test.Add", "init_parameters": {"__proto__": {"x": 1}}}}}');
    expect(() => Pipeline.fromJSON(json, { registry, file: "p.json" })).toThrow(
      /^p.json: The key '__proto__' at 'components.a.init_parameters' is not allowed/,
    );
  });

  it("refuses a component named __proto__, constructor or prototype at add", () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      expect(() => new Pipeline().add(name, Add())).toThrow(PipelineDefinitionError);
    }
  });
});
