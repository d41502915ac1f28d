import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TramaApp } from "@trama/server";
import type { CliCommand, CliIO } from "../command.js";
import { createProgressBar, type ProgressBar } from "../progress.js";
import { UsageError } from "../usage-error.js";

const usage = `Usage: trama serve [options]

Starts the local Trama server with the products' web apps (the council at /council/, the transcripts search at
/transcripts/), prints its address, and runs until Ctrl-C. Conversations are kept in SQLite in $TRAMA_DATA_DIR, else ~/.local/share/trama (council.db).

Options:
  --port <n>          The port. Default 8484; 0 picks a free one.
  --host <address>    The address to listen on. Default 127.0.0.1 (this machine only). Any other address, such as
                      0.0.0.0, needs a token.
  --token <secret>    A bearer token every request must carry (at least 16 characters). Default: $TRAMA_SERVER_TOKEN.
                      Browsers open the address once with ?token=<secret>; programs send Authorization: Bearer.
  --council <file>    The council file (YAML). Default: $TRAMA_COUNCIL; without one, the models of a running Ollama,
                      else three small GGUF models run in this process (downloaded once, on the first question).
  --member <model>    A council member, as a model shorthand; repeat for each. Replaces the file's members.
  --chairman <model>  The model that writes the council's final answer.
  --data-dir <dir>    Where conversations are kept. Default: $TRAMA_DATA_DIR, else ~/.local/share/trama.
  --posts <folder>    The show's published posts, for the transcripts search: imported into transcripts.db in the
                      data folder at start (new and changed posts only). Default: $TRAMA_POSTS.
  --glossary <file>   The show's glossary for the transcripts search (YAML, 'cloud: Claude'). Default: $TRAMA_GLOSSARY.
  --site-url <url>    The show's site, for links from search results. Default: $TRAMA_SITE_URL, else the posts
                      as this server shows them.
  --transcripts-model <model>
                      The chat model that answers questions about the episodes. Default: $TRAMA_MODEL.
  -h, --help          Show this help.`;

/** What `trama serve` was asked for. */
export interface ServeOptions {
  port: number;
  host: string;
  token?: string;
  councilFile?: string;
  members?: string[];
  chairman?: string;
  dataDir?: string;
  posts?: string;
  glossary?: string;
  siteUrl?: string;
  transcriptsModel?: string;
}

/** Builds one product's app for the server from the command's options. */
export type ServeAppLoader = (context: { options: ServeOptions; io: CliIO }) => Promise<TramaApp>;

/**
 * The apps `trama serve` mounts, in the order the home page lists them. A product adds its app here (its package is
 * imported only when the server starts).
 */
export const serveApps: Record<string, ServeAppLoader> = {
  council: async ({ options, io }) => {
    const [{ councilApp }, { resolveCouncilConfig }] = await Promise.all([
      import("@trama/council/web"),
      import("@trama/council"),
    ]);
    const resolve = (download: boolean) =>
      resolveCouncilConfig({
        ...(options.councilFile ? { file: options.councilFile } : {}),
        overrides: {
          ...(options.members ? { members: options.members } : {}),
          ...(options.chairman ? { chairman: options.chairman } : {}),
        },
        env: io.env,
        cwd: io.cwd,
        signal: io.signal,
        download,
        ...(download ? { onDownloadProgress: downloadProgress(io) } : {}),
      });
    return councilApp({
      council: onFirstUse(async () => {
        const resolved = await resolve(true);
        for (const note of resolved.notes) io.stderr.write(`council: ${note}\n`);
        return resolved.config;
      }),
      // The page names who would answer; nothing is fetched until the first question.
      describe: () => resolve(false),
      env: options.dataDir ? { ...io.env, TRAMA_DATA_DIR: options.dataDir } : io.env,
    });
  },
  transcripts: async ({ options, io }) => {
    const [{ transcriptsApp }, { readGlossaryFile }] = await Promise.all([
      import("@trama/transcripts/web"),
      import("@trama/transcripts"),
    ]);
    let bar: ProgressBar | undefined;
    return transcriptsApp({
      ...(options.posts ? { posts: options.posts } : {}),
      ...(options.glossary ? { glossary: await readGlossaryFile(options.glossary) } : {}),
      ...(options.siteUrl ? { site: { baseUrl: options.siteUrl } } : {}),
      ...(options.transcriptsModel ? { model: options.transcriptsModel } : {}),
      env: options.dataDir ? { ...io.env, TRAMA_DATA_DIR: options.dataDir } : io.env,
      onImportProgress: ({ done, total, file }) => {
        bar ??= createProgressBar(io.stderr, { label: "Importing posts", total, unit: "posts" });
        bar.update(done, file);
        if (done === total) bar.finish();
      },
    });
  },
};

/** The transcripts search's options, from the command line or the environment. */
function transcriptsOptions(values: Record<string, unknown>, io: CliIO): Partial<ServeOptions> {
  const text = (name: string, variable: string) =>
    (values[name] as string | undefined) ?? (io.env[variable] || undefined);
  const posts = text("posts", "TRAMA_POSTS");
  const glossary = text("glossary", "TRAMA_GLOSSARY");
  const siteUrl = text("site-url", "TRAMA_SITE_URL");
  const model = text("transcripts-model", "TRAMA_MODEL");
  return {
    ...(posts ? { posts: resolve(io.cwd, posts) } : {}),
    ...(glossary ? { glossary: resolve(io.cwd, glossary) } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    ...(model ? { transcriptsModel: model } : {}),
  };
}

/** `load` run once, when first needed; a failure is not kept, so the next question tries again (after a fix). */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function downloadProgress(io: CliIO) {
  const bars = new Map<string, ProgressBar>();
  const mb = (bytes: number) => Math.round(bytes / 1_048_576);
  return ({ name, downloadedBytes, totalBytes }: { name: string; downloadedBytes: number; totalBytes: number }) => {
    let bar = bars.get(name);
    if (!bar) {
      bar = createProgressBar(io.stderr, { label: `Downloading ${name}`, total: mb(totalBytes), unit: "MB" });
      bars.set(name, bar);
    }
    bar.setTotal(mb(totalBytes));
    bar.update(mb(downloadedBytes));
    if (totalBytes > 0 && downloadedBytes >= totalBytes) bar.finish();
  };
}

function parseOptions(args: string[], io: CliIO): ServeOptions {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        token: { type: "string" },
        council: { type: "string" },
        member: { type: "string", multiple: true },
        chairman: { type: "string" },
        "data-dir": { type: "string" },
        posts: { type: "string" },
        glossary: { type: "string" },
        "site-url": { type: "string" },
        "transcripts-model": { type: "string" },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, "."));
  }
  const port = values.port === undefined ? 8484 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port takes a port number from 0 to 65535, not '${values.port}'.`);
  const token = (values.token as string | undefined) ?? (io.env.TRAMA_SERVER_TOKEN || undefined);
  return {
    port,
    host: (values.host as string | undefined) ?? "127.0.0.1",
    ...(token ? { token } : {}),
    ...(values.council ? { councilFile: values.council as string } : {}),
    ...(values.member ? { members: values.member as string[] } : {}),
    ...(values.chairman ? { chairman: values.chairman as string } : {}),
    ...(values["data-dir"] ? { dataDir: values["data-dir"] as string } : {}),
    ...transcriptsOptions(values, io),
  };
}

/** `trama serve`: the local server with every product's web app, until Ctrl-C. */
export const command: CliCommand = {
  name: "serve",
  summary: "Start the local web server: the council and transcripts search apps, at http://127.0.0.1:8484/",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = parseOptions(args, io);
    const { startServer } = await import("@trama/server");
    const apps = await Promise.all(Object.values(serveApps).map((load) => load({ options, io })));
    const server = await startServer({
      apps,
      host: options.host,
      port: options.port,
      ...(options.token ? { token: options.token } : {}),
      signal: io.signal,
      log: (line) => io.stderr.write(`${line}\n`),
    });
    const reach = options.token
      ? ` (with the token: open ${server.url}?token=… once, or send Authorization: Bearer …)`
      : "";
    io.stdout.write(`Trama is serving at ${server.url}${reach}\n`);
    for (const app of apps) io.stdout.write(`  ${app.title}: ${server.url}${app.name}/\n`);
    io.stdout.write("Press Ctrl-C to stop.\n");
    await server.closed;
    io.stdout.write("Stopped.\n");
    return 0;
  },
};
