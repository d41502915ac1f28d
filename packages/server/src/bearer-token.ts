import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { jsonError } from "./json-errors.js";

/** The cookie a browser keeps the token in after opening the server once with `?token=…`. */
export const tokenCookieName = "trama_token";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * Whether `candidate` is the token, in time that does not depend on where they differ: both are hashed first, so
 * even their lengths stay hidden.
 */
export function tokenMatches(candidate: string | undefined, expectedDigest: Buffer): boolean {
  if (candidate === undefined || candidate === "") return false;
  return timingSafeEqual(digest(candidate), expectedDigest);
}

/**
 * Requires the server's token on every request: `Authorization: Bearer <token>` from programs, or, for browsers, the
 * cookie set when a page is opened once with `?token=<token>` (that request is redirected to the same address without
 * the token, so it does not stay in the address bar). Anything else gets a 401 saying how to send the token.
 */
export function requireToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (context, next) => {
    const header = context.req.header("authorization");
    const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (tokenMatches(bearer, expected) || tokenMatches(getCookie(context, tokenCookieName), expected))
      return await next();
    const url = new URL(context.req.url);
    const fromQuery = url.searchParams.get("token") ?? undefined;
    if (context.req.method === "GET" && tokenMatches(fromQuery, expected)) {
      setCookie(context, tokenCookieName, token, { httpOnly: true, sameSite: "Strict", path: "/" });
      url.searchParams.delete("token");
      return context.redirect(`${url.pathname}${url.search}`, 303);
    }
    context.header("WWW-Authenticate", 'Bearer realm="trama"');
    return jsonError(
      context,
      401,
      "unauthorized",
      header || fromQuery
        ? "The token does not match this server's token. Check TRAMA_SERVER_TOKEN or the --token the server was started with."
        : "This Trama server needs its token: send 'Authorization: Bearer <token>', or open a page once as /?token=<token> in the browser.",
    );
  };
}
