/** Where Ollama listens unless told otherwise. */
export const defaultOllamaBaseURL = "http://127.0.0.1:11434";

/**
 * The base URL of the Ollama server: the explicit one, else `OLLAMA_HOST`, else `http://127.0.0.1:11434`.
 *
 * `OLLAMA_HOST` is read once, here, the way the Ollama CLI reads it, for every package that reaches Ollama: the scheme may be missing (`127.0.0.1:11434`, `myhost`,
 * `:11434`), the port defaults to 11434 without a scheme and to 80/443 with one, and bind-all addresses
 * (`0.0.0.0`, `::`) become the loopback address, since a client cannot connect to them everywhere.
 */
export function resolveOllamaBaseURL(explicit?: string, environment: string | undefined = readEnvironment()): string {
  if (explicit?.trim()) return explicit.trim().replace(/\/+$/, "");
  const value = environment?.trim();
  if (!value) return defaultOllamaBaseURL;
  return parseOllamaHost(value);
}

function readEnvironment(): string | undefined {
  return typeof process === "undefined" ? undefined : process.env.OLLAMA_HOST;
}

/** Parses an `OLLAMA_HOST` value into a URL without a trailing slash. */
export function parseOllamaHost(value: string): string {
  const schemeEnd = value.indexOf("://");
  let scheme = "http";
  let rest = value;
  let defaultPort = "11434";
  if (schemeEnd >= 0) {
    scheme = value.slice(0, schemeEnd).toLowerCase();
    rest = value.slice(schemeEnd + 3);
    if (scheme === "http") defaultPort = "80";
    if (scheme === "https") defaultPort = "443";
  } else if (value === "ollama.com") {
    return "https://ollama.com";
  }
  const slash = rest.indexOf("/");
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash).replace(/\/+$/, "") : "";
  let { host, port } = splitHostPort(hostPort);
  host ||= "127.0.0.1";
  port = port && /^\d{1,5}$/.test(port) && Number(port) <= 65_535 ? port : defaultPort;
  if (host === "0.0.0.0") host = "127.0.0.1";
  if (host === "::" || host === "[::]") host = "::1";
  const hostText = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  // The scheme's own port is left out, as URLs write it (`https://ollama.example.com`).
  const implied = (scheme === "http" && port === "80") || (scheme === "https" && port === "443");
  return `${scheme}://${hostText}${implied ? "" : `:${port}`}${path}`;
}

function splitHostPort(hostPort: string): { host: string; port: string | undefined } {
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    const host = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    return { host, port: after.startsWith(":") ? after.slice(1) : undefined };
  }
  const colons = hostPort.split(":").length - 1;
  if (colons === 1) {
    const [host, port] = hostPort.split(":") as [string, string];
    return { host, port };
  }
  // No port, or a bare IPv6 address.
  return { host: hostPort, port: undefined };
}
