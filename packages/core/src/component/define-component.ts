import { PipelineDefinitionError } from "../errors/pipeline-errors.js";
import type { InputSocketMap, InputValues, OutputSocketMap, OutputValues } from "../types/socket-type.js";
import type { AnyComponent, Component, RunContext } from "./component.js";
import type { ComponentType, LoadContext } from "./registry.js";

/** Everything `defineComponent` needs. Sockets may depend on the parameters (a template's variables, a router's routes). */
export interface ComponentSpec<P, I extends InputSocketMap, O extends OutputSocketMap, S> {
  /** Registry name, unique per component type: `acme.SpellChecker`. */
  type: string;
  inputs: I | ((params: P) => I);
  outputs: O | ((params: P) => O);
  /** Per-instance state built at construction, e.g. a counter or a cache. Keep it cheap. */
  state?: (params: P) => S;
  /** One-time heavy setup, such as loading a model, done before the first run. */
  warmUp?: (self: DefinedComponent<P, I, O, S>) => void | Promise<void>;
  run: (
    inputs: InputValues<I>,
    self: DefinedComponent<P, I, O, S>,
    context: RunContext,
  ) => OutputValues<O> | Promise<OutputValues<O>>;
  /** What a pipeline file saves; the parameters themselves by default. Needed when parameters hold live objects. */
  toConfig?: (params: P) => Record<string, unknown>;
  /** Rebuilds the parameters from what `toConfig` saved; the saved object itself by default. */
  fromConfig?: (config: Record<string, unknown>, context: LoadContext) => P;
}

/** A component built by a `defineComponent` factory. */
export interface DefinedComponent<P, I extends InputSocketMap, O extends OutputSocketMap, S> extends Component<I, O> {
  readonly params: P;
  readonly state: S;
}

/** Builds instances of a component type; it is also the type's registry entry (`type`, `fromConfig`). */
export interface ComponentFactory<P, I extends InputSocketMap, O extends OutputSocketMap, S>
  extends ComponentType<DefinedComponent<P, I, O, S>> {
  (...params: {} extends P ? [params?: P] : [params: P]): DefinedComponent<P, I, O, S>;
}

/**
 * A component class `defineComponent` accepts: constructed from one parameters object, with its registry name as a
 * static `type`. It saves `toConfig()` when it has one and its `params` otherwise; a static `fromConfig` rebuilds it
 * from saved parameters when the constructor cannot take them as they are (live objects, tools by name).
 */
export interface ComponentClass<P, C extends AnyComponent> {
  new (params: P): C;
  readonly type: string;
  fromConfig?(config: Record<string, unknown>, context: LoadContext): C;
}

/**
 * Defines a component type: from a spec (returns a factory) or from a class (returns its registry entry). Nothing is
 * registered globally: list the result in your package's manifest (`export const components = [...]`) and add
 * manifests to the registry that loads pipeline files.
 *
 * @example
 * const AddFixedValue = defineComponent({
 *   type: "example.AddFixedValue",
 *   inputs: { value: t.number, add: t.number.optional() },
 *   outputs: { result: t.number },
 *   run: ({ value, add }, { params }: { params: { add?: number } }) => ({ result: value + (add ?? params.add ?? 1) }),
 * });
 * const component = AddFixedValue({ add: 2 });
 *
 * @example
 * class Echo implements Component { static readonly type = "example.Echo"; readonly type = Echo.type; … }
 * export const components = [AddFixedValue, defineComponent(Echo)];
 */
export function defineComponent<P = {}, I extends InputSocketMap = {}, O extends OutputSocketMap = {}, S = undefined>(
  spec: ComponentSpec<P, I, O, S>,
): ComponentFactory<P, I, O, S>;
export function defineComponent<P, C extends AnyComponent>(componentClass: ComponentClass<P, C>): ComponentType<C>;
export function defineComponent(definition: ComponentSpec<any, any, any, any> | ComponentClass<any, AnyComponent>) {
  return typeof definition === "function" ? classType(definition) : specFactory(definition);
}

function specFactory<P, I extends InputSocketMap, O extends OutputSocketMap, S>(
  spec: ComponentSpec<P, I, O, S>,
): ComponentFactory<P, I, O, S> {
  checkTypeName(spec.type);
  const factory = ((params?: P) => new SpecComponent(spec, (params ?? {}) as P)) as unknown as ComponentFactory<
    P,
    I,
    O,
    S
  >;
  Object.defineProperty(factory, "type", { value: spec.type });
  Object.defineProperty(factory, "fromConfig", {
    value: (config: Record<string, unknown>, context: LoadContext) =>
      (factory as (params: P) => DefinedComponent<P, I, O, S>)(
        spec.fromConfig ? spec.fromConfig(config, context) : (config as P),
      ),
  });
  return factory;
}

const classTypes = new WeakMap<Function, ComponentType>();

function classType<P, C extends AnyComponent>(componentClass: ComponentClass<P, C>): ComponentType<C> {
  const known = classTypes.get(componentClass);
  if (known) return known as ComponentType<C>;
  checkTypeName(componentClass.type, componentClass.name);
  if (typeof componentClass.prototype.toConfig !== "function") {
    // Derived saving: a class without toConfig() saves the parameters it was built with.
    Object.defineProperty(componentClass.prototype, "toConfig", {
      value(this: { params?: unknown }) {
        if (this.params === undefined)
          throw new PipelineDefinitionError(
            `${componentClass.name} cannot be saved: give it a 'params' property holding its constructor parameters, or a toConfig() method.`,
          );
        return this.params;
      },
      configurable: true,
      writable: true,
    });
  }
  const type: ComponentType<C> = {
    type: componentClass.type,
    fromConfig: (config, context) =>
      componentClass.fromConfig ? componentClass.fromConfig(config, context) : new componentClass(config as P),
  };
  classTypes.set(componentClass, type);
  return type;
}

function checkTypeName(type: unknown, className?: string): void {
  if (typeof type !== "string" || !/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(type)) {
    throw new PipelineDefinitionError(
      `Component type ${JSON.stringify(type)}${className ? ` of class ${className}` : ""} is not a valid registry name: use 'namespace.Name', such as 'acme.SpellChecker'${className ? `, in a static 'type' field of the class` : ""}.`,
    );
  }
}

class SpecComponent<P, I extends InputSocketMap, O extends OutputSocketMap, S> implements DefinedComponent<P, I, O, S> {
  readonly type: string;
  readonly inputs: I;
  readonly outputs: O;
  readonly state: S;
  readonly #spec: ComponentSpec<P, I, O, S>;

  constructor(
    spec: ComponentSpec<P, I, O, S>,
    readonly params: P,
  ) {
    this.#spec = spec;
    this.type = spec.type;
    this.inputs = typeof spec.inputs === "function" ? spec.inputs(params) : spec.inputs;
    this.outputs = typeof spec.outputs === "function" ? spec.outputs(params) : spec.outputs;
    this.state = spec.state ? spec.state(params) : (undefined as S);
  }

  run(inputs: InputValues<I>, context: RunContext) {
    return this.#spec.run(inputs, this, context);
  }

  warmUp() {
    return this.#spec.warmUp?.(this);
  }

  toConfig(): Record<string, unknown> {
    return this.#spec.toConfig ? this.#spec.toConfig(this.params) : (this.params as Record<string, unknown>);
  }
}
