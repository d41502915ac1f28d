import { type CallContext, isRetryableStatus, ProviderError } from "@trama/provider";
import type { AnthropicErrorObject } from "./anthropic-api.js";

/** The HTTP status Anthropic gives each error type in its error responses. */
const statusOfErrorType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * An error object after a 200 status (an `error` event in the middle of a stream, or an error body): a
 * `ProviderError` quoting Anthropic's message and error type, retryable when the type's HTTP status would be
 * (`overloaded_error`, `api_error`, …).
 */
export function anthropicErrorAfterSuccess(
  error: AnthropicErrorObject,
  where: "stream" | "body",
  url: string,
  context: CallContext,
): ProviderError {
  const status = statusOfErrorType[error.type];
  const what = where === "stream" ? "sent an error in the middle of the stream" : "answered 200 with an error";
  return new ProviderError({
    ...context,
    url,
    message: `${what}: ${error.message} (${error.type}).`,
    responseBody: JSON.stringify({ type: "error", error }),
    isRetryable: status !== undefined && isRetryableStatus(status),
  });
}
