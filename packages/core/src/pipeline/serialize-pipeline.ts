/**
 * Pipelines to and from plain objects, YAML and JSON, in the shape Haystack users know:
 * `components: { name: { type, init_parameters } }`, `connections: [{ sender, receiver }]`,
 * `max_runs_per_component`, `metadata`. Loading builds registered component types only, and every error names the
 * file, line and component at fault.
 * @module
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { type ComponentRegistry, defaultRegistry } from "../component/registry.js";
import type { ComponentJSON } from "../component/serialize-config.js";
import { componentToJSON } from "../component/serialize-config.js";
import { SerializationError, type SourceLocation } from "../errors/serialization-error.js";
import { TramaError } from "../errors/trama-error.js";
import { Pipeline } from "./pipeline.js";

// `yaml` takes about 50 ms to import: load it the first time a pipeline is read or written as YAML, not with core.
const requireModule = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml => {
  yamlModule ??= requireModule("yaml") as typeof Yaml;
  return yamlModule;
};

/** A pipeline as plain data. */
export interface PipelineJSON {
  metadata: Record<string, unknown>;
  max_runs_per_component: number;
  concurrency?: number;
  components: Record<string, ComponentJSON>;
  connections: Array<{ sender: string; receiver: string }>;
}

export function pipelineToJSON(pipeline: Pipeline<any>): PipelineJSON {
  return {
    metadata: pipeline.metadata,
    max_runs_per_component: pipeline.maxRunsPerComponent,
    concurrency: pipeline.concurrency,
    components: Object.fromEntries(
      [...pipeline.components].map(([name, component]) => [name, componentToJSON(component, name)]),
    ),
    connections: pipeline.connections.map((connection) => ({
      sender: `${connection.sender}.${connection.output}`,
      receiver: `${connection.receiver}.${connection.input}`,
    })),
  };
}

export function pipelineToYAML(pipeline: Pipeline<any>): string {
  return yaml().stringify(pipelineToJSON(pipeline));
}

export interface LoadOptions {
  /** The component types the file may use; the default registry otherwise. */
  registry?: ComponentRegistry;
  /** Named in error messages. */
  file?: string;
}

/** Builds a pipeline from YAML (or JSON, which is YAML too). */
export function pipelineFromYAML(text: string, options: LoadOptions = {}): Pipeline<Record<string, any>> {
  const lineCounter = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) return { file: options.file };
    const { line, col } = lineCounter.linePos(offset);
    return { file: options.file, line, column: col };
  };
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    throw new SerializationError(`Invalid YAML: ${first.message.split("\n")[0]}`, locate(first.pos[0]));
  }
  const positionOf = (path: (string | number)[]): SourceLocation => {
    const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return locate(node?.range?.[0]);
  };
  return buildPipeline(document.toJS(), options, positionOf);
}

/** Builds a pipeline from its plain-object form. */
export function pipelineFromJSON(json: unknown, options: LoadOptions = {}): Pipeline<Record<string, any>> {
  return buildPipeline(json, options, () => ({ file: options.file }));
}

function buildPipeline(
  json: unknown,
  options: LoadOptions,
  positionOf: (path: (string | number)[]) => SourceLocation,
): Pipeline<Record<string, any>> {
  const registry = options.registry ?? defaultRegistry;
  if (!isRecord(json))
    throw new SerializationError(
      "A pipeline file must hold an object with 'components' and 'connections'.",
      positionOf([]),
    );
  const known = new Set([
    "metadata",
    "max_runs_per_component",
    "concurrency",
    "components",
    "connections",
    "connection_type_validation",
  ]);
  for (const key of Object.keys(json)) {
    if (!known.has(key))
      throw new SerializationError(`Unknown key '${key}'. Known keys: ${[...known].join(", ")}.`, positionOf([key]));
  }
  const wrap = <T>(path: (string | number)[], build: () => T): T => {
    try {
      return build();
    } catch (error) {
      if (SerializationError.isInstance(error) && error.location.line !== undefined) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SerializationError(message, positionOf(path), { cause: error });
    }
  };
  const pipeline = wrap(
    [],
    () =>
      new Pipeline({
        metadata: optionalRecord(json.metadata, "metadata"),
        ...(json.max_runs_per_component === undefined
          ? {}
          : { maxRunsPerComponent: json.max_runs_per_component as number }),
        ...(json.concurrency === undefined ? {} : { concurrency: json.concurrency as number }),
      }),
  );
  const components = json.components ?? {};
  if (!isRecord(components))
    throw new SerializationError(
      "'components' must map names to { type, init_parameters }.",
      positionOf(["components"]),
    );
  for (const [name, definition] of Object.entries(components)) {
    const path = ["components", name];
    if (!isRecord(definition) || typeof definition.type !== "string") {
      throw new SerializationError(
        `Component '${name}' needs a 'type' naming a registered component type.`,
        positionOf(path),
      );
    }
    const registration = registry.get(definition.type);
    if (!registration) {
      throw new SerializationError(
        `Component '${name}' has type '${definition.type}', which is not registered. Import the package that defines it, or register it. Registered types: ${registry.types().join(", ") || "none"}.`,
        positionOf([...path, "type"]),
      );
    }
    const parameters = definition.init_parameters ?? {};
    if (!isRecord(parameters))
      throw new SerializationError(
        `'init_parameters' of '${name}' must be an object.`,
        positionOf([...path, "init_parameters"]),
      );
    const component = wrap([...path, "init_parameters"], () => {
      try {
        return registration.create(parameters, registry);
      } catch (error) {
        throw new TramaError(
          `Component '${name}' (${definition.type}) cannot be built from its init_parameters: ${(error as Error).message}`,
          { cause: error },
        );
      }
    });
    wrap(path, () => pipeline.add(name, component));
  }
  const connections = json.connections ?? [];
  if (!Array.isArray(connections))
    throw new SerializationError("'connections' must be a list of { sender, receiver }.", positionOf(["connections"]));
  connections.forEach((connection, index) => {
    const path = ["connections", index];
    if (!isRecord(connection) || typeof connection.sender !== "string" || typeof connection.receiver !== "string") {
      throw new SerializationError(
        "Each connection needs 'sender' and 'receiver', like 'retriever.documents'.",
        positionOf(path),
      );
    }
    wrap(path, () => pipeline.connect(connection.sender as string, connection.receiver as string));
  });
  return pipeline;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalRecord(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new Error(`'${name}' must be an object.`);
  return value;
}
