/**
 * Every component type that any Trama package exports saves to YAML and loads back to an equal pipeline: the same
 * file when saved again, the same plain data, the same sockets, the parameters the sample set (none dropped, live
 * stores, generators and tools saved as their configuration or names), and, where a run needs no model or server,
 * the same outputs. The packages are found on disk, so a new
 * package with a `components` manifest (or a `stores` record) cannot be left out, and a new component type fails
 * here until `component-samples.ts` has a sample of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { components as componentsManifest } from "@trama/components";
import {
  type AnyComponent,
  ComponentRegistry,
  type ComponentType,
  components as coreManifest,
  type InputSocket,
  Pipeline,
  SocketType,
} from "@trama/core";
import { components as councilManifest } from "@trama/council";
import { components as modelsManifest } from "@trama/models";
import { components as retrievalManifest } from "@trama/retrieval";
import { components as transcriptsManifest } from "@trama/transcripts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { componentSamples, postgresVariable, type SampleResources } from "./component-samples.js";
import { packagesExporting } from "./package-exports.js";

/** Every manifest, by the package that exports it. */
const manifests: Record<string, readonly ComponentType[]> = {
  "@trama/components": componentsManifest,
  "@trama/core": coreManifest,
  "@trama/council": councilManifest,
  "@trama/models": modelsManifest,
  "@trama/retrieval": retrievalManifest,
  "@trama/transcripts": transcriptsManifest,
};

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "trama-round-trip-"));
const previousVariable = process.env[postgresVariable];
// The Postgres samples' pool reads its connection string when built; it never connects.
process.env[postgresVariable] = "postgres://trama@127.0.0.1:9/trama";
const resources: SampleResources = componentSamples(folder);
const registry = new ComponentRegistry(...Object.values(manifests)).addTools(resources.tools);

afterAll(async () => {
  await resources.close();
  if (previousVariable === undefined) delete process.env[postgresVariable];
  else process.env[postgresVariable] = previousVariable;
  rmSync(folder, { recursive: true, force: true });
});

describe("every exported component", () => {
  it("comes from a manifest this test knows: every package exporting `components` is listed", () => {
    expect(Object.keys(manifests).sort()).toEqual(packagesExporting(root, "components"));
    for (const [name, manifest] of Object.entries(manifests)) {
      expect(Array.isArray(manifest), `${name} exports components as a list`).toBe(true);
    }
  });

  it("has a sample, and every sample is of a type some manifest lists", () => {
    const sampled = new Set(resources.samples.map((sample) => sample.component.type));
    const listed = Object.values(manifests).flatMap((manifest) => manifest.map((type) => type.type));
    expect(
      listed.filter((type) => !sampled.has(type)),
      "types without a sample in component-samples.ts",
    ).toEqual([]);
    expect(
      [...sampled].filter((type) => !listed.includes(type)),
      "samples of types no manifest lists",
    ).toEqual([]);
  });

  it("is sampled over every store kind a package provides, saved as its configuration", async () => {
    const kinds: string[] = [];
    for (const name of packagesExporting(root, "stores")) {
      const module = (await import(name)) as { stores?: Record<string, unknown> };
      kinds.push(...Object.keys(module.stores ?? {}));
    }
    const saved = new Set(
      resources.samples.flatMap((sample) => {
        const store = sample.saved.store;
        if (typeof store === "string") return [store.slice(0, store.indexOf(":"))];
        return store && typeof store === "object" ? [(store as { kind: string }).kind] : [];
      }),
    );
    expect(kinds.sort().filter((kind) => !saved.has(kind))).toEqual([]);
  });
});

describe.each(resources.samples.map((sample) => [sample.label, sample] as const))("%s", (_label, sample) => {
  let pipeline: Pipeline<{ component: AnyComponent }>;
  let yaml: string;

  beforeAll(() => {
    pipeline = new Pipeline({ metadata: { sample: sample.label }, maxRunsPerComponent: 7 }).add(
      "component",
      sample.component,
    );
    yaml = pipeline.toYAML();
  });

  it("saves every parameter it was given", () => {
    expect(pipeline.toJSON().components.component).toEqual({
      type: sample.component.type,
      init_parameters: sample.saved,
    });
  });

  it("loads back from YAML to the same file, data and sockets", async () => {
    const loaded = Pipeline.fromYAML(yaml, { registry, file: `${sample.label}.yml` });
    expect(loaded.toYAML()).toBe(yaml);
    expect(loaded.toJSON()).toEqual(pipeline.toJSON());
    expectSameSockets(loaded.components.get("component")!, sample.component);
    if (sample.warmUp ?? true) await warmUpAndClose(loaded);
  });

  const run = sample.run;
  if (run)
    it("runs the same once loaded", async () => {
      const loaded = Pipeline.fromYAML(yaml, { registry });
      const expected = await pipeline.run({ component: run });
      expect(Object.keys(expected.component ?? {}), "the sample run gives outputs").not.toEqual([]);
      expect(await loaded.run({ component: run })).toEqual(expected);
    });

  it("loads back from JSON text to the same file", () => {
    const loaded = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())), { registry });
    expect(loaded.toYAML()).toBe(yaml);
  });
});

/** Sockets as comparable data: names, type names, and how inputs collect and default. */
function socketsOf(component: AnyComponent) {
  const inputs = Object.entries(component.inputs as Record<string, SocketType | InputSocket>).map(([name, socket]) =>
    socket instanceof SocketType
      ? { name, type: socket.name, mandatory: true, variadic: "none" }
      : {
          name,
          type: socket.type.name,
          mandatory: socket.mandatory,
          variadic: socket.variadic,
          default: socket.default,
        },
  );
  const outputs = Object.entries(component.outputs as Record<string, SocketType>).map(([name, type]) => ({
    name,
    type: type.name,
  }));
  return { type: component.type, inputs, outputs };
}

function expectSameSockets(loaded: AnyComponent, original: AnyComponent): void {
  expect(socketsOf(loaded)).toEqual(socketsOf(original));
}

/**
 * Warms the loaded pipeline up (models are built from their shorthands, stores opened from their configuration, so a
 * saved option they refuse fails here), then closes the stores it opened.
 */
async function warmUpAndClose(loaded: Pipeline<Record<string, AnyComponent>>): Promise<void> {
  await loaded.warmUp();
  for (const component of loaded.components.values()) {
    const handle = (component as { state?: { store?: { get(): Promise<{ close?(): Promise<void> }> } } }).state?.store;
    if (handle) await (await handle.get()).close?.();
  }
}
