import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { HttpError, ServerConfigError } from "./errors.js";
import type { ErrorBody } from "./json-errors.js";
import { readJsonBody, stringField } from "./read-json.js";
import { type RunningServer, startServer } from "./start-server.js";
import type { TramaApp } from "./trama-app.js";

async function errorOf(response: Response): Promise<ErrorBody["error"]> {
  return ((await response.json()) as ErrorBody).error;
}

const token = "test-token-0123456789abcdef";
const running: RunningServer[] = [];

async function start(options: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  const server = await startServer({ apps: [echoApp()], port: 0, log: () => {}, ...options });
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function echoApp(closed: string[] = []): TramaApp {
  return {
    name: "echo",
    title: "Echo <app>",
    description: "Says back what it gets.",
    mount(app) {
      app.get("/", (context) => context.text("echo home"));
      app.post("/json", async (context) => {
        const body = await readJsonBody(context);
        return context.json({ got: stringField(body, "text", { required: true }) });
      });
      app.get("/teapot", () => {
        throw new HttpError(418, "teapot", "The echo app is a teapot.");
      });
      app.get("/bug", () => {
        throw new Error("boom");
      });
    },
    close() {
      closed.push("echo");
    },
  };
}

/** A raw HTTP request, for headers `fetch` will not send (Host) and bodies sent in chunks. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}

describe("startServer", () => {
  it("listens on 127.0.0.1 by default and serves the home page with security headers", async () => {
    const server = await start();
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const response = await fetch(server.url);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<a href="/echo/">Echo &#60;app&#62;</a>');
    expect(html).toContain("Says back what it gets.");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(await (await fetch(`${server.url}echo/`)).text()).toBe("echo home");
    const redirect = await fetch(`${server.url}echo`, { redirect: "manual" });
    expect(redirect.headers.get("location")).toBe("/echo/");
  });

  it("refuses to listen beyond loopback without a token, or with a short one", async () => {
    const open = startServer({ apps: [], host: "0.0.0.0", port: 0 });
    await expect(open).rejects.toThrow(ServerConfigError);
    await expect(open).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without a token.*TRAMA_SERVER_TOKEN/);
    await expect(startServer({ apps: [], host: "0.0.0.0", port: 0, token: "short" })).rejects.toThrow(
      /at least 16 random characters/,
    );
  });

  it("requires the token on every request once it has one, by header or by the cookie a ?token= visit sets", async () => {
    const server = await start({ host: "0.0.0.0", token });
    const base = `http://127.0.0.1:${server.port}`;
    const anonymous = await fetch(`${base}/echo/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect(await errorOf(anonymous)).toMatchObject({ code: "unauthorized", message: /Authorization: Bearer/ });
    const wrong = await fetch(`${base}/echo/`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toMatch(/does not match/);
    const right = await fetch(`${base}/echo/`, { headers: { authorization: `Bearer ${token}` } });
    expect(await right.text()).toBe("echo home");

    const visit = await fetch(`${base}/echo/?token=${token}&x=1`, { redirect: "manual" });
    expect(visit.status).toBe(303);
    expect(visit.headers.get("location")).toBe("/echo/?x=1");
    const cookie = visit.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const withCookie = await fetch(`${base}/echo/`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(await withCookie.text()).toBe("echo home");
    // Exposed with a token, any Host header is fine: the token is the guard.
    expect(
      (await raw(`${base}/echo/`, { headers: { host: "trama.lan", authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
  });

  it("answers 413 with a JSON error for bodies over the limit, declared or chunked", async () => {
    const server = await start({ bodyLimitBytes: 64 });
    const big = JSON.stringify({ text: "x".repeat(100) });
    const declared = await fetch(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatchObject({ code: "payload_too_large", message: /64 bytes/ });
    const chunked = await raw(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      chunks: [big.slice(0, 50), big.slice(50)],
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe("payload_too_large");
    const smallChunked = await raw(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      chunks: ['{"text":', '"in pieces"}'],
    });
    expect(JSON.parse(smallChunked.body)).toEqual({ got: "in pieces" });
    const small = await fetch(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: " hi " }),
    });
    expect(await small.json()).toEqual({ got: "hi" });
  });

  it("answers JSON errors that name what is wrong", async () => {
    const server = await start();
    const post = (body: string, type = "application/json") =>
      fetch(`${server.url}echo/json`, { method: "POST", headers: { "content-type": type }, body });
    expect(await errorOf(await post("{}", "text/plain"))).toMatchObject({
      code: "unsupported_media_type",
      message: /Content-Type: application\/json/,
    });
    expect(await errorOf(await post("{nope"))).toMatchObject({ code: "bad_json" });
    expect((await errorOf(await post("[1]"))).message).toMatch(/must be a JSON object/);
    expect((await errorOf(await post("{}"))).message).toBe("The field 'text' is missing.");
    const missing = await fetch(`${server.url}nowhere`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toMatch(/GET \/nowhere.*\/echo\//);
    const teapot = await fetch(`${server.url}echo/teapot`);
    expect(teapot.status).toBe(418);
    expect(await errorOf(teapot)).toEqual({ code: "teapot", message: "The echo app is a teapot." });
    const bug = await fetch(`${server.url}echo/bug`);
    expect(bug.status).toBe(500);
    expect((await errorOf(bug)).message).toMatch(/GET \/echo\/bug failed unexpectedly: boom\. This is a bug/);
  });

  it("refuses other host names when not exposed, and state changes from other sites", async () => {
    const server = await start();
    const rebound = await raw(`${server.url}echo/`, { headers: { host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe("forbidden_host");
    expect((await raw(`${server.url}echo/`, { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
    const body = JSON.stringify({ text: "hi" });
    const foreign = await fetch(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body,
    });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe("cross_origin");
    const crossSite = await fetch(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      body,
    });
    expect(crossSite.status).toBe(403);
    const own = await fetch(`${server.url}echo/json`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url.slice(0, -1) },
      body,
    });
    expect(own.status).toBe(200);
  });

  it("says which port is taken, and closes the apps on shutdown", async () => {
    const first = await start();
    const closed: string[] = [];
    await expect(startServer({ apps: [echoApp(closed)], port: first.port, log: () => {} })).rejects.toThrow(
      new RegExp(`Port ${first.port} on 127\\.0\\.0\\.1 is already in use`),
    );
    expect(closed).toEqual(["echo"]);
    const controller = new AbortController();
    const second = await startServer({ apps: [echoApp(closed)], port: 0, signal: controller.signal, log: () => {} });
    controller.abort();
    await second.closed;
    expect(closed).toEqual(["echo", "echo"]);
    await expect(fetch(second.url)).rejects.toThrow();
  });

  it("refuses apps whose names are not path segments, or taken twice", async () => {
    await expect(start({ apps: [{ ...echoApp(), name: "Echo App" }] })).rejects.toThrow(/lowercase letters/);
    await expect(start({ apps: [echoApp(), echoApp()] })).rejects.toThrow(/Two apps are named 'echo'/);
  });
});
