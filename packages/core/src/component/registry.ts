import type { AnyComponent } from "./component.js";

/** How the registry builds a component of one type from its saved parameters. */
export interface ComponentRegistration {
  readonly type: string;
  create(config: Record<string, unknown>, registry: ComponentRegistry): AnyComponent;
}

/**
 * The component types a pipeline file may instantiate. Loading a file builds only registered types: nothing in a
 * file can name code to import or run.
 */
export class ComponentRegistry {
  readonly #entries = new Map<string, ComponentRegistration>();

  /** Adds a type; a later registration of the same name replaces the earlier one. */
  register(registration: ComponentRegistration): void {
    this.#entries.set(registration.type, registration);
  }

  get(type: string): ComponentRegistration | undefined {
    return this.#entries.get(type);
  }

  types(): string[] {
    return [...this.#entries.keys()].sort();
  }
}

/** The registry `defineComponent` adds to, and pipelines load from unless given another. */
export const defaultRegistry = new ComponentRegistry();
