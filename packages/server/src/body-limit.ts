import type { Context, MiddlewareHandler } from "hono";

/**
 * Refuses request bodies larger than `limit` bytes with `onTooLarge`'s response. A declared `Content-Length` is
 * checked before anything is read (Node holds the body to that length); a body sent in chunks is read up to the
 * limit and kept for the route (`context.req.json()`, `text()`), so nothing larger is ever buffered.
 *
 * Hono's own `bodyLimit` rebuilds the request with `new Request(…)`, which fails for chunked bodies under
 * `@hono/node-server` without its global overrides; this keeps the body in Hono's body cache instead.
 */
export function limitBody(limit: number, onTooLarge: (context: Context) => Response): MiddlewareHandler {
  return async (context, next) => {
    const body = context.req.raw.body;
    if (body === null || context.req.method === "GET" || context.req.method === "HEAD") return next();
    const declared = context.req.header("content-length");
    if (declared !== undefined && context.req.header("transfer-encoding") === undefined)
      return Number(declared) > limit ? onTooLarge(context) : next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return onTooLarge(context);
      }
      chunks.push(value);
    }
    const whole = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      whole.set(chunk, offset);
      offset += chunk.byteLength;
    }
    // Hono reads bodies through this cache, which holds promises (its type says otherwise).
    (context.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }).arrayBuffer = Promise.resolve(whole.buffer);
    return next();
  };
}
