/**
 * Pipelines to and from plain objects, YAML and JSON, in the shape Haystack users know:
 * `components: { name: { type, init_parameters } }`, `connections: [{ sender, receiver }]`,
 * `max_runs_per_component`, `metadata`. Loading builds registered component types only, and every error names the
 * file, line and component at fault.
 * @module
 */
import { components as coreComponents } from "../component/components.js";
import {
  type ComponentRegistry,
  type ComponentType,
  defaultRegistry,
  type LoadContext,
} from "../component/registry.js";
import type { ComponentJSON } from "../component/serialize-config.js";
import { componentToJSON } from "../component/serialize-config.js";
import { SerializationError, type SourceLocation } from "../errors/serialization-error.js";
import { TramaError } from "../errors/trama-error.js";
import { Pipeline } from "./pipeline.js";
import { checkKeys, readPipelineText, yaml } from "./read-pipeline-file.js";

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
  /** The component types (and tools) the file may use; the default registry otherwise. */
  registry?: ComponentRegistry;
  /** Named in error messages. */
  file?: string;
  /** The largest file accepted, in bytes. Default 1 MiB. */
  maxBytes?: number;
}

/** Builds a pipeline from YAML (or JSON, which is YAML too), refusing anything unsafe (see `read-pipeline-file.ts`). */
export function pipelineFromYAML(text: string, options: LoadOptions = {}): Pipeline<Record<string, any>> {
  const { value, positionOf } = readPipelineText(text, options);
  return buildPipeline(value, options, positionOf);
}

/** Builds a pipeline from its plain-object form. */
export function pipelineFromJSON(json: unknown, options: LoadOptions = {}): Pipeline<Record<string, any>> {
  const locate = () => ({ file: options.file });
  try {
    checkKeys(json, "");
  } catch (error) {
    if (SerializationError.isInstance(error)) throw new SerializationError(error.message, locate(), { cause: error });
    throw error;
  }
  return buildPipeline(json, options, locate);
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
    for (const key of Object.keys(definition)) {
      if (key !== "type" && key !== "init_parameters")
        throw new SerializationError(
          `Component '${name}' has an unknown key '${key}': a component has 'type' and 'init_parameters' only.`,
          positionOf([...path, key]),
        );
    }
    const componentType = typeFor(registry, definition.type, name, positionOf([...path, "type"]));
    const parameters = definition.init_parameters ?? {};
    if (!isRecord(parameters))
      throw new SerializationError(
        `'init_parameters' of '${name}' must be an object.`,
        positionOf([...path, "init_parameters"]),
      );
    const component = wrap([...path, "init_parameters"], () =>
      buildComponent(componentType, parameters, { registry, path: `components.${name}` }, name),
    );
    wrap(path, () => pipeline.add(name, component));
  }
  const connections = json.connections ?? [];
  if (!Array.isArray(connections))
    throw new SerializationError("'connections' must be a list of { sender, receiver }.", positionOf(["connections"]));
  connections.forEach((connection, index) => {
    const path = ["connections", index];
    if (
      !isRecord(connection) ||
      typeof connection.sender !== "string" ||
      typeof connection.receiver !== "string" ||
      Object.keys(connection).length !== 2
    ) {
      throw new SerializationError(
        "Each connection has exactly 'sender' and 'receiver', like 'retriever.documents'.",
        positionOf(path),
      );
    }
    wrap(path, () => pipeline.connect(connection.sender as string, connection.receiver as string));
  });
  return pipeline;
}

function typeFor(registry: ComponentRegistry, type: string, name: string, at: SourceLocation): ComponentType {
  const found = registry.get(type) ?? coreComponents.find((core) => core.type === type);
  if (found) return found;
  const hint = type.startsWith("trama.")
    ? ` Trama's packages do not register their types on import: add the manifest of the package that provides it, e.g. registry.add(components) with \`import { components } from "@trama/components"\` (or @trama/models, @trama/retrieval, …).`
    : " Add the component type to the registry that loads the file: registry.add(MyComponent).";
  throw new SerializationError(
    `Component '${name}' has type '${type}', which is not registered.${hint} Registered types: ${[...new Set([...registry.types(), ...coreComponents.map((core) => core.type)])].sort().join(", ")}.`,
    at,
  );
}

/** Builds a component from saved parameters, with a context that builds the components nested in them. */
function buildComponent(
  componentType: ComponentType,
  parameters: Record<string, unknown>,
  at: { registry: ComponentRegistry; path: string },
  name: string,
) {
  const context: LoadContext = {
    ...at,
    component: (saved, path = at.path) => {
      if (!isRecord(saved) || typeof saved.type !== "string" || !isRecord(saved.init_parameters ?? {})) {
        throw new SerializationError(
          `'${path}' must be a saved component: { type, init_parameters }, as pipeline files write them.`,
        );
      }
      const nestedType = typeFor(at.registry, saved.type, path, {});
      return buildComponent(
        nestedType,
        (saved.init_parameters ?? {}) as Record<string, unknown>,
        { registry: at.registry, path },
        path,
      );
    },
  };
  try {
    return componentType.fromConfig(parameters, context);
  } catch (error) {
    if (SerializationError.isInstance(error)) throw error;
    throw new TramaError(
      `Component '${name}' (${componentType.type}) cannot be built from its init_parameters: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalRecord(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new SerializationError(`'${name}' must be an object.`);
  return value;
}
