import { readFile } from "node:fs/promises";
import type { DocumentStore } from "@trama/retrieval";
import {
  fileResponse,
  HttpError,
  readJsonBody,
  serveFiles,
  streamEvents,
  stringField,
  type TramaApp,
} from "@trama/server";
import type { GlossaryEntry } from "../fusion/glossary.js";
import { answerQuestion } from "../search/answer-question.js";
import { describeFailed, describeRemoved, type ImportProgress, importPosts } from "../search/import-posts.js";
import type { SiteLinks } from "../search/post-links.js";
import { type SearchMode, TranscriptSearch } from "../search/search-transcripts.js";
import { openTranscriptsStore } from "../search/transcripts-store.js";
import { clientFiles, clientPage } from "./client-files.js";
import { postPage } from "./post-page.js";

/** Options of `transcriptsApp`. */
export interface TranscriptsAppOptions {
  /**
   * A folder of published posts, imported into the store when the server starts (only new and changed posts are
   * written; posts whose files left the folder are removed, and logged).
   */
  posts?: string;
  /** The store: a shorthand (`sqlite:…`, `memory:…`, `postgres:env:…`). Default `transcripts.db` in the data folder. */
  store?: string;
  /** The environment the default store path is read from (`TRAMA_DATA_DIR`). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  glossary?: GlossaryEntry[];
  /** An embedding model shorthand, for semantic and hybrid search (the posts are embedded with it on import). */
  embedder?: string;
  /** A chat model shorthand: with one, the page has an "ask" box answering from the episodes with cited turns. */
  model?: string;
  /** Where result links point. Without a `baseUrl`, links go to this app's own rendering of the posts. */
  site?: SiteLinks;
  /** Called after each post of the import at start. */
  onImportProgress?: (progress: ImportProgress) => void;
}

/** The longest query or question accepted, in characters. */
export const maxQueryLength = 2_000;
const modes: readonly SearchMode[] = ["keyword", "semantic", "hybrid"];

/**
 * The transcripts search app, for `@trama/server` (mounted at `/transcripts`): a search page with highlighted
 * snippets linking to the post's chapter and the video's second, an ask box when a model is configured, the posts
 * rendered with Jekyll's anchors, and the API behind it:
 *
 * - `GET api/info`: what is indexed, and whether asking and semantic search are available;
 * - `GET api/search?q=&limit=&mode=`: `{ query, hits }` (see `SearchHit`);
 * - `POST api/ask` `{ question }`: a `TranscriptAnswer` (citations as links in its `html`); with
 *   `Accept: text/event-stream`, server-sent events instead: `delta` `{ text }` as the model writes, then `answer`
 *   (the `TranscriptAnswer`), or `error` `{ code, message }`;
 * - `GET posts/<slug>/`: a post as a page.
 */
export function transcriptsApp(options: TranscriptsAppOptions = {}): TramaApp {
  let store: DocumentStore | undefined;
  return {
    name: "transcripts",
    title: "Transcripts",
    description: "Search every episode turn by turn, jump to the chapter and the video's second, and ask questions.",
    async mount(app, context) {
      store = await openTranscriptsStore({
        ...(options.store ? { store: options.store } : {}),
        ...(options.env ? { env: options.env } : {}),
      });
      const posts = new Map<string, string>();
      if (options.posts) {
        const report = await importPosts({
          posts: options.posts,
          store,
          ...(options.embedder ? { embedder: options.embedder } : {}),
          signal: context.signal,
          ...(options.onImportProgress ? { onProgress: options.onImportProgress } : {}),
        });
        for (const line of describeFailed(report)) context.log(`transcripts: ${line}`);
        const removed = describeRemoved(report);
        if (removed) context.log(`transcripts: ${removed}`);
        for (const post of report.posts) posts.set(post.slug, post.path);
      }
      const site: SiteLinks =
        options.site?.baseUrl || !options.posts
          ? (options.site ?? {})
          : { baseUrl: `${context.basePath}/posts`, permalink: "/:title/" };
      const search = new TranscriptSearch({
        store,
        site,
        ...(options.glossary ? { glossary: options.glossary } : {}),
        ...(options.embedder ? { embedder: options.embedder } : {}),
      });

      app.get("/api/info", async (request) =>
        request.json({
          documents: await store!.count({ field: "meta.source", operator: "==", value: "transcripts" }),
          posts: posts.size,
          ask: options.model !== undefined,
          modes: options.embedder ? modes : ["keyword"],
        }),
      );
      app.get("/api/search", async (request) => {
        const query = (request.req.query("q") ?? "").trim();
        if (query.length > maxQueryLength)
          throw new HttpError(
            400,
            "bad_request",
            `The query is ${query.length} characters long; at most ${maxQueryLength} are accepted.`,
          );
        const mode = request.req.query("mode") as SearchMode | undefined;
        if (mode !== undefined && !modes.includes(mode))
          throw new HttpError(400, "bad_request", `'mode' is keyword, semantic or hybrid, not '${mode}'.`);
        if (mode && mode !== "keyword" && !options.embedder)
          throw new HttpError(400, "no_embedder", `${mode} search needs an embedder: start the server with one.`);
        const limit = Math.min(50, Math.max(1, Number(request.req.query("limit") ?? 20) || 20));
        const hits = query
          ? await search.search(query, { limit, ...(mode ? { mode } : {}), signal: request.req.raw.signal })
          : [];
        return request.json({ query, hits });
      });
      app.post("/api/ask", async (request) => {
        if (!options.model)
          throw new HttpError(
            409,
            "no_model",
            "Asking needs a chat model: start the server with one (trama serve --transcripts-model <model>).",
          );
        const model = options.model;
        const body = await readJsonBody(request);
        const question = stringField(body, "question", { required: true, maxLength: maxQueryLength })!;
        const ask = (signal: AbortSignal, onDelta?: (text: string) => void) =>
          answerQuestion({
            question,
            search,
            model,
            signal: AbortSignal.any([context.signal, signal]),
            ...(onDelta ? { onDelta } : {}),
          }).catch((error) => {
            throw askFailure(error, model);
          });
        if (!(request.req.header("accept") ?? "").includes("text/event-stream"))
          return request.json(await ask(request.req.raw.signal));
        // Streamed: `delta` events with the answer's text as the model writes it, then `answer` with its citations.
        return streamEvents(
          request,
          async (stream) => {
            try {
              const answer = await ask(stream.signal, (text) => stream.send({ event: "delta", data: { text } }));
              stream.send({ event: "answer", data: answer });
            } catch (error) {
              const { code, message } = error as HttpError;
              stream.send({ event: "error", data: { code, message } });
            }
          },
          { signal: context.signal },
        );
      });
      app.get("/posts/:slug", async (request) => {
        const slug = request.req.param("slug");
        const file = posts.get(slug);
        if (!file) throw new HttpError(404, "not_found", `There is no post '${slug}' in the imported folder.`);
        const html = postPage({
          text: await readFile(file, "utf8"),
          file,
          staticPath: "../../static/",
          searchPath: "../../",
        });
        return request.html(html);
      });
      app.get("/", (request) => fileResponse(request, clientPage()));
      app.get("/static/:file", serveFiles(clientFiles()));
    },
    async close() {
      await store?.close?.();
    },
  };
}

/** Why a question got no answer, as the API says it: nothing matched (404), or the model failed (502). */
function askFailure(error: unknown, model: string): HttpError {
  if (error instanceof Error && /^No turn of the imported episodes matches/.test(error.message))
    return new HttpError(404, "no_match", error.message);
  return new HttpError(502, "model_failed", `The model ${model} could not answer: ${(error as Error).message}`, {
    cause: error,
  });
}
