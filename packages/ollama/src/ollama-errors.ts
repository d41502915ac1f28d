import { type CallContext, ProviderError, providerMessage } from "@trama/provider";

/**
 * Adds what to do to Ollama's "model not found" answers (HTTP 404, `model 'x' not found, try pulling it first`):
 * pull the model on the server. Other errors pass through unchanged.
 */
export function withPullHint(error: unknown, modelId: string, baseURL: string): unknown {
  if (!ProviderError.isInstance(error) || error.statusCode !== 404) return error;
  const message = providerMessage(error.responseBody ?? "") ?? "";
  if (!/not found/i.test(message)) return error;
  return new ProviderError({
    provider: error.provider,
    modelId: error.modelId,
    url: error.url,
    statusCode: error.statusCode,
    responseBody: error.responseBody,
    message: sentence(message),
    hint: `Run \`ollama pull ${modelId}\` on the Ollama server (${baseURL}), or check the model name.`,
    isRetryable: false,
    cause: error,
  });
}

/**
 * An error Ollama reported inside a 200 response: a whole body `{ "error": "…" }`, or a line of the stream (where
 * newer servers add the `status` the error would have had).
 */
export function errorFromErrorObject(
  body: { error?: unknown; status?: unknown },
  url: string,
  context: CallContext,
): ProviderError {
  const statusCode = typeof body.status === "number" ? body.status : undefined;
  return new ProviderError({
    ...context,
    url,
    statusCode,
    message: sentence(String(body.error)),
    responseBody: JSON.stringify(body),
  });
}

/** Ends a message with a full stop, so a hint can follow it. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
