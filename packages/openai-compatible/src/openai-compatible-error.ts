import { type CallContext, isRetryableStatus, ProviderError, providerMessage } from "@trama/provider";
import type { OpenAIErrorObject } from "./openai-compatible-api-types.js";

/** Error codes without an HTTP status that say trying again may help. */
const transientCode = /server_error|overloaded|unavailable|timeout|rate_limit|internal/i;

/**
 * A `ProviderError` from an error object that arrived with HTTP 200: in the body (OpenRouter, once the model has
 * started) or in a stream chunk. Non-2xx responses are handled by `postJson`. The error carries the status the
 * provider put in the object (`code: 502`) when it gives one; without one, codes such as `server_error` are
 * retryable and others are not.
 */
export function errorFromObject(
  error: OpenAIErrorObject | string,
  where: "body" | "stream",
  url: string,
  context: CallContext,
): ProviderError {
  const object: OpenAIErrorObject = typeof error === "string" ? { message: error } : error;
  const text = JSON.stringify({ error: object });
  const status = statusOf(object.code);
  const label = [object.code, object.type].find((value) => typeof value === "string") as string | undefined;
  const message = providerMessage(text) ?? "unknown error";
  return new ProviderError({
    ...context,
    url,
    statusCode: status,
    message: where === "stream" ? `error in the stream: ${message}` : message,
    responseBody: text,
    isRetryable: status === undefined ? label !== undefined && transientCode.test(label) : isRetryableStatus(status),
  });
}

/** The HTTP status in an error's `code`, when it is one (`502` or `"502"`). */
function statusOf(code: OpenAIErrorObject["code"]): number | undefined {
  const number = typeof code === "string" && /^\d{3}$/.test(code) ? Number(code) : code;
  return typeof number === "number" && number >= 100 && number < 600 ? number : undefined;
}

/** Whether a parsed body or chunk carries an error object instead of (or beside) a result. */
export function errorIn(value: { error?: unknown }): OpenAIErrorObject | string | undefined {
  const error = value.error;
  if (typeof error === "string" && error) return error;
  if (error && typeof error === "object") return error as OpenAIErrorObject;
  return undefined;
}
