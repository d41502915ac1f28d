import { hasMarker, TramaError } from "@trama/core";

const configMarker = Symbol.for("trama.error.ServerConfigError");

/**
 * The server cannot start as asked: an address that would expose it without a token, a token too short, a port in
 * use. The message says what to change.
 */
export class ServerConfigError extends TramaError {
  readonly [configMarker] = true;
  static override isInstance(error: unknown): error is ServerConfigError {
    return hasMarker(error, configMarker);
  }
}

const httpMarker = Symbol.for("trama.error.HttpError");

/**
 * A request the server refuses, answered as `{ "error": { "code", "message" } }` with `status`. Apps throw it from
 * their routes; the message names what is wrong with the request and how to fix it.
 */
export class HttpError extends TramaError {
  readonly [httpMarker] = true;
  constructor(
    /** The HTTP status to answer with (400, 401, 403, 404, 409, 413, 415, …). */
    readonly status: number,
    /** A short machine-readable code: `bad_request`, `not_found`, `payload_too_large`, … */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  static override isInstance(error: unknown): error is HttpError {
    return hasMarker(error, httpMarker);
  }
}
