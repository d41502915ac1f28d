import type { Context } from "hono";
import { HttpError } from "./errors.js";

/**
 * The request's JSON body, or an `HttpError` that says what is wrong: a content type other than
 * `application/json` (415; this also keeps plain HTML forms on other sites from posting), malformed JSON (400), or
 * a body that is not an object (400). The body size was already limited by the server.
 */
export async function readJsonBody(context: Context): Promise<Record<string, unknown>> {
  const type = context.req.header("content-type") ?? "";
  const where = `${context.req.method} ${new URL(context.req.url).pathname}`;
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new HttpError(
      415,
      "unsupported_media_type",
      `${where} takes a JSON body: send it with 'Content-Type: application/json'${type ? `, not '${type}'` : ""}.`,
    );
  const text = await context.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, "bad_json", `${where}: the body is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, "bad_request", `${where}: the body must be a JSON object.`);
  return body as Record<string, unknown>;
}

/** A string field of a JSON body, trimmed; throws a 400 naming the field when it is missing (if required) or not a string. */
export function stringField(
  body: Record<string, unknown>,
  field: string,
  options: { required?: boolean; maxLength?: number } = {},
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (options.required) throw new HttpError(400, "bad_request", `The field '${field}' is missing.`);
    return undefined;
  }
  if (typeof value !== "string") throw new HttpError(400, "bad_request", `The field '${field}' must be a string.`);
  const text = value.trim();
  if (options.required && text === "") throw new HttpError(400, "bad_request", `The field '${field}' is empty.`);
  if (options.maxLength !== undefined && text.length > options.maxLength)
    throw new HttpError(
      400,
      "bad_request",
      `The field '${field}' is ${text.length} characters long; at most ${options.maxLength} are accepted.`,
    );
  return text;
}
