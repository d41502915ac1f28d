/** Objects that know how to copy themselves implement this symbol. */
export const cloneSymbol: unique symbol = Symbol.for("trama.clone");

/**
 * Copies plain data deeply: arrays, plain objects, Maps, Sets, Dates and typed arrays. Class instances are shared
 * unless they implement `[cloneSymbol]()`: Trama's own data classes are immutable, and live objects such as clients
 * or stores must not be copied.
 */
export function deepCopy<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const result: unknown[] = [];
    seen.set(value, result);
    for (const item of value) result.push(copy(item, seen));
    return result;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const result: Record<string, unknown> = prototype === null ? Object.create(null) : {};
    seen.set(value, result);
    for (const key of Object.keys(value)) result[key] = copy((value as Record<string, unknown>)[key], seen);
    return result;
  }
  if (typeof (value as { [cloneSymbol]?: unknown })[cloneSymbol] === "function") {
    return (value as { [cloneSymbol]: () => unknown })[cloneSymbol]();
  }
  if (value instanceof Map) {
    const result = new Map();
    seen.set(value, result);
    for (const [key, item] of value) result.set(key, copy(item, seen));
    return result;
  }
  if (value instanceof Set) {
    const result = new Set();
    seen.set(value, result);
    for (const item of value) result.add(copy(item, seen));
    return result;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return (value as unknown as { slice(): unknown }).slice();
  return value;
}
