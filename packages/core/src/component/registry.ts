import { PipelineDefinitionError } from "../errors/pipeline-errors.js";
import { SerializationError } from "../errors/serialization-error.js";
import type { AnyComponent } from "./component.js";

/** Where a component is being built from a file, and with which types and tools. */
export interface LoadContext {
  /** The registry loading the file: nested components and tool references resolve through it. */
  readonly registry: ComponentRegistry;
  /** The component's place in the file, for error messages: `components.llm`. */
  readonly path: string;
  /** Builds a component nested in the parameters, saved as `{ type, init_parameters }`, through the same registry. */
  component(saved: unknown, path?: string): AnyComponent;
}

/**
 * A component type as a registry knows it: its name in pipeline files and how to build it from saved parameters.
 * `defineComponent` returns one, for component specs and for component classes alike; packages list theirs in a
 * manifest (`export const components = [...]`) that users add to a registry.
 */
export interface ComponentType<C extends AnyComponent = AnyComponent> {
  /** The registry name: `trama.PromptBuilder`. */
  readonly type: string;
  /** Builds an instance from what `toConfig()` saved (nested components through `context.component`). */
  fromConfig(config: Record<string, unknown>, context: LoadContext): C;
}

/** Component types, or manifests (lists) of them, as `add` takes them. */
export type ComponentTypes = ComponentType | readonly ComponentTypes[];

/** A function a model may call, as far as the registry cares: something with a unique name. */
export interface NamedTool {
  readonly name: string;
}

/**
 * The component types (and tools) a pipeline file may use. Loading a file builds only registered types and resolves
 * only registered tools: nothing in a file can name code to import or run. Nothing registers itself on import: add
 * each package's manifest explicitly (`registry.add(components)`), so bundlers that drop unused modules
 * (`"sideEffects": false`) never drop a type you use.
 *
 * @example
 * import { components as builtIns } from "@trama/components";
 * import { components as models } from "@trama/models";
 * const registry = new ComponentRegistry(builtIns, models);
 * const pipeline = Pipeline.fromYAML(text, { registry, file: "rag.yml" });
 */
export class ComponentRegistry {
  readonly #types = new Map<string, ComponentType>();
  readonly #tools = new Map<string, NamedTool>();

  constructor(...types: ComponentTypes[]) {
    this.add(...types);
  }

  /**
   * Adds component types or whole manifests. Adding the same type twice is harmless; a different component under a
   * name already taken is an error, never a silent replacement.
   */
  add(...types: ComponentTypes[]): this {
    for (const entry of types) {
      if (isComponentType(entry)) this.#addOne(entry);
      else if (Array.isArray(entry)) this.add(...entry);
      else
        throw new PipelineDefinitionError(
          `registry.add() takes component types (what defineComponent returns) or lists of them, not ${describe(entry)}.`,
        );
    }
    return this;
  }

  /** Adds tools that pipeline files refer to by name (agents', generators' and tool invokers' `tools`). */
  addTools(...tools: Array<NamedTool | readonly NamedTool[]>): this {
    for (const tool of tools.flat()) {
      const existing = this.#tools.get(tool.name);
      if (existing && existing !== tool) {
        throw new PipelineDefinitionError(
          `Two different tools are named '${tool.name}'. Give one of them another name before registering it.`,
        );
      }
      this.#tools.set(tool.name, tool);
    }
    return this;
  }

  get(type: string): ComponentType | undefined {
    return this.#types.get(type);
  }

  /** The registered tool named `name`; a clear error names the registered ones when it is missing. */
  tool<T extends NamedTool = NamedTool>(name: string): T {
    const tool = this.#tools.get(name);
    if (!tool) {
      throw new SerializationError(
        `Tool '${name}' is not registered. Register it before loading: registry.addTools(${name}). Registered tools: ${[...this.#tools.keys()].sort().join(", ") || "none"}.`,
      );
    }
    return tool as T;
  }

  types(): string[] {
    return [...this.#types.keys()].sort();
  }

  /** A copy with the same types and tools, to extend without changing this one. */
  clone(): ComponentRegistry {
    const copy = new ComponentRegistry(...this.#types.values());
    copy.addTools([...this.#tools.values()]);
    return copy;
  }

  #addOne(type: ComponentType): void {
    const existing = this.#types.get(type.type);
    if (existing && existing !== type) {
      throw new PipelineDefinitionError(
        `Component type '${type.type}' is already registered by a different component. Type names must be unique: rename one of them (for example 'acme.${type.type.split(".").pop()}').`,
      );
    }
    this.#types.set(type.type, type);
  }
}

/**
 * The registry pipelines load from when given none. Core's own types (`trama.PipelineComponent`) are known to every
 * registry; add the manifests of the packages whose components your files use (`defaultRegistry.add(components)`),
 * or pass a registry of your own to `Pipeline.fromYAML(text, { registry })` to keep applications apart.
 */
export const defaultRegistry = new ComponentRegistry();

function isComponentType(value: unknown): value is ComponentType {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as ComponentType).type === "string" &&
    typeof (value as ComponentType).fromConfig === "function"
  );
}

function describe(value: unknown): string {
  if (typeof value === "function")
    return `the function '${value.name || "anonymous"}' (is it a class? wrap it: defineComponent(${value.name || "MyComponent"}))`;
  return value === null ? "null" : typeof value;
}
