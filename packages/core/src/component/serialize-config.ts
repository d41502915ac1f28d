import { SerializationError } from "../errors/serialization-error.js";
import type { AnyComponent } from "./component.js";

/** A component as written in a pipeline file. */
export interface ComponentJSON {
  type: string;
  init_parameters: Record<string, unknown>;
}

/** The saved form of a component: its type and parameters. Secrets become variable names; nested components nest. */
export function componentToJSON(component: AnyComponent, name: string): ComponentJSON {
  if (!component.toConfig) {
    throw new SerializationError(
      `Component '${name}' (${component.type}) cannot be saved: it has no toConfig(). Define it with defineComponent, or implement toConfig() returning its constructor parameters.`,
    );
  }
  return { type: component.type, init_parameters: toPlain(component.toConfig(), `${name}`) as Record<string, unknown> };
}

/** Converts parameters to JSON-compatible values, naming the path of anything that cannot be saved. */
export function toPlain(value: unknown, path: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new SerializationError(`'${path}' is ${value}, which a pipeline file cannot hold.`);
    return value;
  }
  if (value === undefined) return undefined;
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
    throw new SerializationError(
      `'${path}' is a ${typeof value}, which cannot be saved. Pass data (strings, numbers, lists, objects) as parameters.`,
    );
  }
  if (Array.isArray(value)) return value.map((item, index) => toPlain(item, `${path}[${index}]`));
  const object = value as Record<string, unknown>;
  if (typeof object.run === "function" && typeof object.type === "string" && object.inputs && object.outputs) {
    return componentToJSON(object as unknown as AnyComponent, path);
  }
  if (typeof object.toJSON === "function") return toPlain(object.toJSON(), path);
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new SerializationError(
      `'${path}' is a ${prototype?.constructor?.name ?? "class instance"} without toJSON(), which cannot be saved.`,
    );
  }
  const plain: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(object)) {
    const converted = toPlain(inner, `${path}.${key}`);
    if (converted !== undefined) plain[key] = converted;
  }
  return plain;
}
