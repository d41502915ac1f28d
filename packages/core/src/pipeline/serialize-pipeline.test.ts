import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { ComponentRegistry } from "../component/registry.js";
import { Secret } from "../component/secret.js";
import { SerializationError } from "../errors/serialization-error.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { Add, Double, testRegistry } from "./test-components.js";

const WithKey = defineComponent({
  type: "test.WithKey",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: ({ value }) => ({ value }),
});
const registry = testRegistry(WithKey);

const pipeline = () =>
  new Pipeline({ maxRunsPerComponent: 5, metadata: { author: "trama" } })
    .add("first", Add({ add: 2 }))
    .add("double", Double())
    .add("keyed", WithKey({ apiKey: Secret.fromEnv("TRAMA_TEST_KEY") } as never))
    .connect("first", "double")
    .connect("double", "keyed");

describe("pipeline files", () => {
  it("round-trips through YAML in Haystack's shape, with secrets saved by variable name", async () => {
    const yaml = pipeline().toYAML();
    expect(yaml).toContain("max_runs_per_component: 5");
    expect(yaml).toContain("type: test.Add");
    expect(yaml).toContain("init_parameters:");
    expect(yaml).toContain("sender: first.result");
    expect(yaml).toContain("receiver: double.value");
    expect(yaml).toContain("env_vars:\n");
    expect(yaml).not.toContain("secret-value");
    const loaded = Pipeline.fromYAML(yaml, { registry });
    expect(loaded.toYAML()).toBe(yaml);
    expect(await loaded.run({ first: { value: 1 } })).toEqual({ keyed: { value: 6 } });
  });

  it("refuses to save a token secret", () => {
    const keyed = new Pipeline().add("keyed", WithKey({ apiKey: Secret.fromToken("secret-value") } as never));
    expect(() => keyed.toYAML()).toThrow(/token secret cannot be saved: use Secret.fromEnv/);
    expect(String(Secret.fromToken("secret-value"))).not.toContain("secret-value");
  });

  it("instantiates registered component types only, naming file and line of an unknown one", () => {
    const yaml = `components:\n  first:\n    type: test.Add\n    init_parameters: {}\n  evil:\n    type: child_process.exec\n    init_parameters: { command: "rm -rf /" }\nconnections: []\n`;
    const error = (() => {
      try {
        Pipeline.fromYAML(yaml, { file: "pipeline.yml", registry });
      } catch (caught) {
        return caught as SerializationError;
      }
    })();
    expect(SerializationError.isInstance(error)).toBe(true);
    expect(error?.message).toMatch(
      /^pipeline.yml:6:11: Component 'evil' has type 'child_process.exec', which is not registered/,
    );
  });

  it("names the line of a bad connection and of invalid YAML", () => {
    const badConnection = `components:\n  a: { type: test.Add }\n  b: { type: test.Double }\nconnections:\n  - sender: a.result\n    receiver: b.nope\n`;
    expect(() => Pipeline.fromYAML(badConnection, { file: "p.yml", registry })).toThrow(
      /^p.yml:5:5: 'b.nope' does not exist/,
    );
    expect(() => Pipeline.fromYAML("components: [\n", { file: "broken.yml" })).toThrow(
      /^broken.yml:\d+:\d+: Invalid YAML/,
    );
    expect(() => Pipeline.fromYAML("components: {}\nconections: []\n")).toThrow(
      /<input>:2:\d+: Unknown key 'conections'/,
    );
  });

  it("loads from the registry it is given only; the default registry holds no test types", () => {
    expect(() =>
      Pipeline.fromYAML("components:\n  a: { type: test.Add }\n", { registry: new ComponentRegistry() }),
    ).toThrow(/Registered types: trama.PipelineComponent\./);
    expect(() => Pipeline.fromYAML("components:\n  a: { type: test.Add }\n")).toThrow(
      /'test.Add', which is not registered.*Registered types: trama.PipelineComponent\./,
    );
  });

  it("reads JSON too", async () => {
    const json = JSON.stringify(pipeline().toJSON());
    expect(await Pipeline.fromYAML(json, { registry }).run({ first: { value: 1 } })).toEqual({ keyed: { value: 6 } });
  });
});

describe("mermaid", () => {
  it("draws components, typed connections and the run's inputs and outputs", () => {
    const text = pipeline().toMermaid();
    expect(text).toContain('c1["<b>first</b><br><small><i>test.Add</i></small>"]:::component;');
    expect(text).toContain('c1 -- "result → value<br><small><i>number</i></small>" --> c0;');
    expect(text).toContain('runInputs -- "value<br><small><i>number</i></small>" --> c1;');
    expect(text).toContain('runInputs -. "add<br><small><i>number, optional</i></small>" .-> c1;');
    expect(text).toContain('c2 -- "value<br><small><i>number</i></small>" --> runOutputs;');
  });
});
