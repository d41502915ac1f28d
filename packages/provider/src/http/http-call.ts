import { ProviderError } from "../errors/provider-error.js";

/** Who is calling, for error messages; `fetch` can be replaced (tests, proxies, instrumentation). */
export interface CallContext {
  provider: string;
  modelId: string;
  fetch?: typeof globalThis.fetch;
  /** The call's signal, so a cancelled stream is told apart from a dropped connection. */
  signal?: AbortSignal;
}

/**
 * POSTs JSON and returns the response once its status is known. Non-2xx statuses and network failures become a
 * `ProviderError` carrying the provider's own message, the status and Retry-After.
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; signal?: AbortSignal; context: CallContext },
): Promise<Response> {
  const { context } = options;
  let response: Response;
  try {
    response = await (context.fetch ?? globalThis.fetch)(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    throw networkError(error, url, context);
  }
  if (!response.ok) throw await errorFromResponse(response, url, context);
  return response;
}

/** GET, for model listings and health checks. */
export async function getJson<T>(
  url: string,
  options: { headers?: Record<string, string>; signal?: AbortSignal; context: CallContext },
): Promise<T> {
  const { context } = options;
  let response: Response;
  try {
    response = await (context.fetch ?? globalThis.fetch)(url, { headers: options.headers, signal: options.signal });
  } catch (error) {
    throw networkError(error, url, context);
  }
  if (!response.ok) throw await errorFromResponse(response, url, context);
  return (await readJson(response, url, context)) as T;
}

/** Reads a whole JSON body, turning invalid JSON into a `ProviderError` that quotes the start of the body. */
export async function readJson(response: Response, url: string, context: CallContext): Promise<unknown> {
  const text = await readText(response, url, context);
  return parseJson(text, url, context);
}

async function readText(response: Response, url: string, context: CallContext): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw networkError(error, url, context);
  }
}

/** Parses JSON text from a provider, with an error naming the provider and quoting the text. */
export function parseJson(text: string, url: string, context: CallContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProviderError({
      ...context,
      url,
      message: `returned malformed JSON: ${excerpt(text)}`,
      responseBody: text,
      isRetryable: false,
      cause: error,
    });
  }
}

export async function errorFromResponse(response: Response, url: string, context: CallContext): Promise<ProviderError> {
  const body = await response.text().catch(() => "");
  return new ProviderError({
    ...context,
    url,
    statusCode: response.status,
    message: providerMessage(body) ?? (response.statusText || "request failed"),
    responseBody: body,
    retryAfterMs: retryAfterMs(response.headers),
  });
}

/** Turns a fetch failure into a `ProviderError`: dropped connections may be retried; nothing listening may not. */
export function networkError(error: unknown, url: string, context: CallContext): Error {
  if (isAbort(error)) return error as Error;
  const code = errorCode(error);
  if (code === "ECONNREFUSED") {
    return new ProviderError({
      ...context,
      url,
      message: `nothing is listening at ${new URL(url).origin}.`,
      hint: "Start the server, or check the base URL.",
      isRetryable: false,
      cause: error,
    });
  }
  // fetch refuses the ports the Fetch standard blocks (6000, 6665-6669, …) before connecting: retrying cannot help.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  if (cause?.message === "bad port") {
    return new ProviderError({
      ...context,
      url,
      message: `fetch refuses port ${new URL(url).port}, one of the ports the Fetch standard blocks.`,
      hint: "Serve the model on another port (such as 8080) and change the base URL.",
      isRetryable: false,
      cause: error,
    });
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new ProviderError({
      ...context,
      url,
      message: `cannot resolve ${new URL(url).hostname} (${code}).`,
      hint: "Check the base URL and the network.",
      isRetryable: false,
      cause: error,
    });
  }
  return new ProviderError({
    ...context,
    url,
    message: `connection failed: ${code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}.`,
    isRetryable: true,
    cause: error,
  });
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The provider's own error message from the error body shapes in use: `{ error: { message } }` (OpenAI, OpenRouter,
 * Gemini), `{ type: "error", error: { message } }` (Anthropic), `{ error: "…" }` (Ollama), `{ message }`, `{ detail }`.
 */
export function providerMessage(body: string): string | undefined {
  if (!body) return undefined;
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const error = json.error;
    if (typeof error === "string") return error;
    if (error && typeof error === "object") {
      const inner = error as Record<string, unknown>;
      const message = typeof inner.message === "string" ? inner.message : undefined;
      const raw = (inner.metadata as { raw?: unknown } | undefined)?.raw;
      if (message && typeof raw === "string") return `${message} (${excerpt(raw, 200)})`;
      if (message) return message;
    }
    if (typeof json.message === "string") return json.message;
    if (typeof json.detail === "string") return json.detail;
    return excerpt(body);
  } catch {
    return excerpt(body);
  }
}

/** Retry-After as milliseconds: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const milliseconds = headers.get("retry-after-ms");
  if (milliseconds && Number.isFinite(Number(milliseconds))) return Math.max(0, Number(milliseconds));
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function excerpt(text: string, length = 300): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > length ? `${oneLine.slice(0, length)}…` : oneLine;
}
