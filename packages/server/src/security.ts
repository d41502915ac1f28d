import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { jsonError } from "./json-errors.js";

/**
 * Security headers for every response: a Content-Security-Policy that allows the server's own scripts, styles and
 * connections only (no inline scripts, no `eval`, no frames, no plugins), no MIME sniffing, no framing, no referrer.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "no-referrer",
    // Meaningless over plain HTTP on loopback, and it would pin a real host to HTTPS if ever served there.
    strictTransportSecurity: false,
  });
}

const loopbackNames = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** The host name of a `Host` header value (`127.0.0.1:8484` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
function hostName(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0]!;
}

/**
 * Refuses requests a web page on another site could send to a server on this machine.
 *
 * - When the server is not exposed (no token), the `Host` header must name this machine: a page that rebinds its own
 *   domain name to 127.0.0.1 (DNS rebinding) is refused.
 * - A state-changing request (anything but GET, HEAD, OPTIONS) from a browser must come from the server's own origin:
 *   `Sec-Fetch-Site` and `Origin` are checked, so a form or script on another site cannot post questions or delete.
 */
export function sameOriginGuard(options: { checkHost: boolean }): MiddlewareHandler {
  return async (context, next) => {
    const host = context.req.header("host") ?? "";
    if (options.checkHost && !loopbackNames.has(hostName(host).toLowerCase()))
      return jsonError(
        context,
        403,
        "forbidden_host",
        `This server answers on 127.0.0.1 or localhost only, not '${host}'. Open it as http://127.0.0.1:<port>/, or start it with a token to expose it.`,
      );
    const method = context.req.method;
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
      const site = context.req.header("sec-fetch-site");
      const origin = context.req.header("origin");
      const crossSite = site !== undefined && site !== "same-origin" && site !== "none";
      const foreignOrigin = origin !== undefined && origin !== "null" && safeHost(origin) !== host;
      if (crossSite || foreignOrigin || origin === "null")
        return jsonError(
          context,
          403,
          "cross_origin",
          `${method} requests must come from this server's own pages; this one came from '${origin ?? site}'.`,
        );
    }
    await next();
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
