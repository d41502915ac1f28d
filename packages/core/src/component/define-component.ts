import type { InputSocketMap, InputValues, OutputSocketMap, OutputValues } from "../types/socket-type.js";
import type { Component, RunContext } from "./component.js";
import { defaultRegistry } from "./registry.js";

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
}

/** A component built by a `defineComponent` factory. */
export interface DefinedComponent<P, I extends InputSocketMap, O extends OutputSocketMap, S> extends Component<I, O> {
  readonly params: P;
  readonly state: S;
}

/** Builds instances of a component type; also carries its `type`. */
export interface ComponentFactory<P, I extends InputSocketMap, O extends OutputSocketMap, S> {
  (...params: {} extends P ? [params?: P] : [params: P]): DefinedComponent<P, I, O, S>;
  readonly type: string;
}

/**
 * Defines a component type and registers it in the default registry, so pipeline files can use it.
 *
 * @example
 * const AddFixedValue = defineComponent({
 *   type: "example.AddFixedValue",
 *   inputs: { value: t.number, add: t.number.optional() },
 *   outputs: { result: t.number },
 *   run: ({ value, add }, { params }: { params: { add?: number } }) => ({ result: value + (add ?? params.add ?? 1) }),
 * });
 * const component = AddFixedValue({ add: 2 });
 */
export function defineComponent<P = {}, I extends InputSocketMap = {}, O extends OutputSocketMap = {}, S = undefined>(
  spec: ComponentSpec<P, I, O, S>,
): ComponentFactory<P, I, O, S> {
  const factory = ((params?: P) => new SpecComponent(spec, (params ?? {}) as P)) as unknown as ComponentFactory<
    P,
    I,
    O,
    S
  >;
  Object.defineProperty(factory, "type", { value: spec.type });
  defaultRegistry.register({ type: spec.type, create: (config) => factory(config as P) });
  return factory;
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
    return this.params as Record<string, unknown>;
  }
}
