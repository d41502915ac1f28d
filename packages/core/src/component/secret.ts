import { inspect } from "node:util";
import { SerializationError } from "../errors/serialization-error.js";
import { hasMarker, TramaError } from "../errors/trama-error.js";

const secretMarker = Symbol.for("trama.Secret");
const missingMarker = Symbol.for("trama.error.SecretMissingError");

/** A strict secret's environment variables are all unset. */
export class SecretMissingError extends TramaError {
  readonly [missingMarker] = true;
  static override isInstance(error: unknown): error is SecretMissingError {
    return hasMarker(error, missingMarker);
  }
}

/** How a secret appears in a saved pipeline: the names of environment variables, never a value. */
export interface SecretJSON {
  type: "env_var";
  env_vars: string[];
  strict: boolean;
}

/**
 * An API key or other credential. Read from environment variables (saved by name) or given as a token (never saved).
 * Printing or logging a secret shows where it comes from, not its value.
 */
export class Secret {
  readonly [secretMarker] = true;
  readonly #token: string | undefined;

  private constructor(
    readonly envVars: readonly string[],
    readonly strict: boolean,
    token?: string,
  ) {
    this.#token = token;
  }

  /** The first set variable of `names` wins. A strict secret throws when all are unset. */
  static fromEnv(names: string | readonly string[], options: { strict?: boolean } = {}): Secret {
    return new Secret(typeof names === "string" ? [names] : [...names], options.strict ?? true);
  }

  /** A literal token. It works, but a pipeline holding it cannot be saved. */
  static fromToken(token: string): Secret {
    return new Secret([], true, token);
  }

  static isInstance(value: unknown): value is Secret {
    return hasMarker(value, secretMarker);
  }

  /** Accepts a `Secret`, its saved form, or undefined (then `fallback` environment variables). */
  static from(value: unknown, fallback?: string | readonly string[]): Secret | undefined {
    if (Secret.isInstance(value)) return value;
    if (value && typeof value === "object" && (value as SecretJSON).type === "env_var") {
      const json = value as SecretJSON;
      return Secret.fromEnv(json.env_vars, { strict: json.strict });
    }
    if (value === undefined || value === null)
      return fallback ? Secret.fromEnv(fallback, { strict: false }) : undefined;
    throw new TramaError(
      "A secret must be Secret.fromEnv(…), Secret.fromToken(…) or { type: 'env_var', env_vars: [...] }; plain strings are refused so keys do not end up in saved pipelines.",
    );
  }

  /** The value, or `undefined` for a non-strict secret whose variables are unset. */
  resolve(): string | undefined {
    if (this.#token !== undefined) return this.#token;
    for (const name of this.envVars) {
      const value = process.env[name];
      if (value) return value;
    }
    if (this.strict) {
      throw new SecretMissingError(
        `None of the environment variables ${this.envVars.join(", ")} is set. Set one of them, or pass the key explicitly.`,
      );
    }
    return undefined;
  }

  toJSON(): SecretJSON {
    if (this.#token !== undefined) {
      throw new SerializationError(
        "A pipeline holding a token secret cannot be saved: use Secret.fromEnv('VARIABLE_NAME') so only the variable name is written.",
      );
    }
    return { type: "env_var", env_vars: [...this.envVars], strict: this.strict };
  }

  toString(): string {
    return this.#token === undefined ? `Secret(env: ${this.envVars.join(", ")})` : "Secret(token: ***)";
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
