const marker = Symbol.for("trama.error");

/**
 * Base class of every error Trama throws.
 *
 * Messages name the thing at fault (component, socket, file and line, provider and status) and say what to do.
 * `isInstance` works across several installed copies of the package, where `instanceof` would not.
 */
export class TramaError extends Error {
  readonly [marker] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any Trama error, from any copy of `@trama/core`. */
  static isInstance(error: unknown): error is TramaError {
    return hasMarker(error, marker);
  }
}

/** Checks for a `Symbol.for` marker, so error classes keep working when two copies of a package are installed. */
export function hasMarker(error: unknown, symbol: symbol): boolean {
  return typeof error === "object" && error !== null && symbol in error;
}
