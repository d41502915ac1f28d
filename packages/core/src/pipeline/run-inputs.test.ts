import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { Document, documentType } from "../data/document.js";
import { PipelineInputError } from "../errors/pipeline-errors.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { Add, Double } from "./test-components.js";

describe("run inputs", () => {
  const pipeline = () =>
    new Pipeline()
      .add("first", Add({ add: 1 }))
      .add("double", Double())
      .add("last", Add())
      .connect("first", "double")
      .connect("double", "last.value");

  it("takes inputs per component or flat", async () => {
    expect(await pipeline().run({ first: { value: 1 } })).toEqual({ last: { result: 5 } });
    // Flat: `add` goes to every free socket named add.
    expect(await pipeline().run({ value: 1, add: 10 })).toEqual({ last: { result: 32 } });
  });

  it("names unknown components, unknown sockets and missing mandatory inputs", async () => {
    await expect(pipeline().run({ first: { value: 1, nope: 2 } })).rejects.toThrow(
      /'first' has no input 'nope'. Its inputs are: value \(number\), add \(number\)/,
    );
    await expect(pipeline().run({})).rejects.toThrow(/Missing mandatory run inputs: first.value \(number\)/);
    await expect(pipeline().run({ nope: 1 })).rejects.toThrow(PipelineInputError);
    await expect(pipeline().run({ first: { value: 1 }, value: 2 })).rejects.toThrow(/mix component names/);
  });

  it("refuses a run input on a socket another component feeds", async () => {
    await expect(pipeline().run({ first: { value: 1 }, double: { value: 3 } })).rejects.toThrow(
      /'double.value' is fed by first; it cannot also take a run input/,
    );
  });

  it("gives each component its own copy of an object passed to several", async () => {
    const list = ["a"];
    const { defineComponent } = await import("../component/define-component.js");
    const { t } = await import("../types/socket-type.js");
    const Push = defineComponent({
      type: "test.Push",
      inputs: { list: t.list(t.string) },
      outputs: { list: t.list(t.string) },
      run: ({ list: items }) => {
        items.push("x");
        return { list: items };
      },
    });
    const result = await new Pipeline().add("p1", Push()).add("p2", Push()).run({ p1: { list }, p2: { list } });
    expect(result).toEqual({ p1: { list: ["a", "x"] }, p2: { list: ["a", "x"] } });
  });

  it("checks run inputs against the socket types, naming the socket and both types", async () => {
    const error = await pipeline()
      .run({ first: { value: "one" as never } })
      .catch((caught: unknown) => caught);
    expect(PipelineInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `Run input 'first.value' is a string ("one"), but the socket takes number. Pass a value of that type.`,
    );
    const documents = new Pipeline().add("join", DocumentsIn());
    await expect(documents.run({ join: { documents: [{ content: "x" }] as never } })).rejects.toThrow(
      /'join.documents' is a list of 1, but the socket takes list<Document>/,
    );
    expect(await documents.run({ join: { documents: [new Document({ content: "x" })] } })).toEqual({
      join: { count: 1 },
    });
  });
});

const DocumentsIn = defineComponent({
  type: "test.DocumentsIn",
  inputs: { documents: t.list(documentType) },
  outputs: { count: t.number },
  run: ({ documents }) => ({ count: documents.length }),
});
