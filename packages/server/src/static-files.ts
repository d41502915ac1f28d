import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Context } from "hono";
import { HttpError } from "./errors.js";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Answers with the file at `path`, typed by its extension and sent with `no-cache` (files are small and read on
 * each request, so a rebuilt client shows at once). A file that cannot be read is a 500 naming it.
 */
export async function fileResponse(context: Context, path: string): Promise<Response> {
  const type = contentTypes[extname(path)] ?? "application/octet-stream";
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    throw new HttpError(
      500,
      "missing_file",
      `The file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}). Reinstall the package, or run 'npm run build'.`,
    );
  }
  return context.body(new Uint8Array(content), 200, { "content-type": type, "cache-control": "no-cache" });
}

/**
 * A handler that serves a fixed set of files: `files` maps a name in the URL (`app.js`) to a path on disk. Only
 * listed names are served, so nothing else on disk can be reached; the route must capture the name as `:file`.
 */
export function serveFiles(files: Record<string, string>) {
  return async (context: Context): Promise<Response> => {
    const name = context.req.param("file") ?? "";
    const path = Object.hasOwn(files, name) ? files[name] : undefined;
    if (path === undefined) throw new HttpError(404, "not_found", `There is no file '${name}' here.`);
    return fileResponse(context, path);
  };
}
