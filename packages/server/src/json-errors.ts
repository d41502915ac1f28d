import { TramaError } from "@trama/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError } from "./errors.js";
import type { ServerLog } from "./trama-app.js";

/** The body of every error the server answers: a short code and a message that says what to fix. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Answers `{ "error": { code, message } }` with `status`. */
export function jsonError(context: Context, status: number, code: string, message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  return context.json(body, status as ContentfulStatusCode);
}

const codes: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * The server's error handler: an `HttpError` becomes its status and message; Hono's own exceptions keep their status;
 * any other Trama error is a 500 carrying its message (it names the fault); anything else is a bug, logged with its
 * stack and answered with a message that says so, without internals.
 */
export function errorHandler(log: ServerLog) {
  return (error: unknown, context: Context): Response => {
    if (HttpError.isInstance(error)) return jsonError(context, error.status, error.code, error.message);
    const where = `${context.req.method} ${new URL(context.req.url).pathname}`;
    if (error instanceof HTTPException) {
      const status = error.status;
      return jsonError(context, status, codes[status] ?? "http_error", `${where}: ${error.message || "refused"}.`);
    }
    if (TramaError.isInstance(error)) {
      log(`${where}: ${error.message}`);
      return jsonError(context, 500, "failed", error.message);
    }
    log(`${where}: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}`);
    return jsonError(
      context,
      500,
      "internal",
      `${where} failed unexpectedly: ${(error as Error)?.message ?? String(error)}. This is a bug in Trama; the server log has the details.`,
    );
  };
}
