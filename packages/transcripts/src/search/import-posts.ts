/**
 * Importing published posts into a document store, idempotently: an unchanged post writes nothing; a changed post's
 * new documents are written in one atomic write before its old ones are deleted, so a failure at any point leaves
 * either the old or the new documents searchable, never neither, and the next import finishes the job. Importing a
 * folder also removes the posts imported from it whose files are gone, once every present post is imported.
 * @module
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { type AnyComponent, Pipeline, TramaError } from "@trama/core";
import { DocumentEmbedder } from "@trama/models";
import { type DocumentStore, DocumentWriter, describeStore, type Filter } from "@trama/retrieval";
import { TranscriptParseError } from "../parsers/parse-error.js";
import { postDocuments, postFolder } from "./post-documents.js";
import { PostToDocuments } from "./search-components.js";
import { TranscriptSearchError } from "./search-error.js";

/** What happened to one post. */
export type PostImportStatus = "indexed" | "replaced" | "unchanged" | "repaired";

/** Reported after each post. */
export interface ImportProgress {
  /** Posts done so far, this one included, and how many there are. */
  done: number;
  total: number;
  file: string;
  /** `failed`: the post cannot be read as a post (see `ImportReport.failed`); the import goes on. */
  status: PostImportStatus | "failed";
  /** The post's documents in the store now. */
  documents: number;
}

/** How `importPosts` runs. */
export interface ImportPostsOptions {
  /**
   * A folder of posts (`*.md`, `*.markdown`, not recursive) or a list of post files. A folder is mirrored: the posts
   * imported from it before whose files are gone are removed (see `prune`).
   */
  posts: string | readonly string[];
  /** Remove the posts of the folder no longer in it. Default true when `posts` is a folder; never for a list of files. */
  prune?: boolean;
  store: DocumentStore;
  /** An embedding model (any `@trama/models` shorthand) for semantic search; the documents are embedded before writing. */
  embedder?: string;
  /** Words per passage of long turns. Default 150. */
  maxWords?: number;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/** What an import did, post by post. */
export interface ImportReport {
  /** The posts imported, in the order read (a folder's by file name). */
  posts: Array<{
    /** The file's name, such as `2026-03-07-Puntata42.md` (what the post's documents record as `post_file`). */
    file: string;
    /** The file read, as listed from the folder or given. */
    path: string;
    /** The post's slug (`EpisodeInfo.slug`): the front matter's `slug`, else the file name without date and extension. */
    slug: string;
    status: PostImportStatus;
    /** The post's documents in the store now. */
    documents: number;
  }>;
  /** Documents written and deleted in all (the removed posts' documents included). */
  written: number;
  deleted: number;
  /** The folder imported, when `posts` is one, and the posts removed because their files are no longer in it. */
  folder?: string;
  removed: Array<{ file: string; documents: number }>;
  /**
   * The files that cannot be read as posts (no or broken front matter, say), with the reason naming the file and line.
   * They are skipped: the others are imported, and a skipped file's documents from an earlier import stay.
   */
  failed: Array<{ file: string; path: string; message: string }>;
}

/**
 * Imports posts into `store`, one post at a time, each through a pipeline `PostToDocuments` → (`DocumentEmbedder`) →
 * `DocumentWriter`. A post is identified by its file name; its documents by the post's digest (`post_hash`), so
 * re-importing an unchanged post writes nothing.
 *
 * A file that cannot be read as a post is skipped and listed in `failed` (see `describeFailed`).
 *
 * @throws TranscriptSearchError naming the folder when it cannot be read, or the post when it cannot be stored
 * (posts before it stay imported).
 */
export async function importPosts(options: ImportPostsOptions): Promise<ImportReport> {
  const files = await postFiles(options.posts);
  const { store } = options;
  const pipeline = importPipeline(options);
  const folder = await folderOf(options.posts);
  const report: ImportReport = {
    posts: [],
    written: 0,
    deleted: 0,
    ...(folder ? { folder } : {}),
    removed: [],
    failed: [],
  };
  for (const [index, file] of files.entries()) {
    options.signal?.throwIfAborted();
    const name = basename(file);
    const read = await readPost(file, options);
    if ("message" in read) {
      report.failed.push({ file: name, path: file, message: read.message });
      options.onProgress?.({ done: index + 1, total: files.length, file: name, status: "failed", documents: 0 });
      continue;
    }
    const { text, planned } = read;
    try {
      const samePost: Filter = { field: "meta.post_file", operator: "==", value: name };
      const current = await store.count({
        operator: "AND",
        conditions: [samePost, { field: "meta.post_hash", operator: "==", value: planned.postHash }],
      });
      const stale = await store.filter({
        operator: "AND",
        conditions: [samePost, { field: "meta.post_hash", operator: "!=", value: planned.postHash }],
      });
      let status: PostImportStatus;
      if (current === planned.documents.length) {
        status = stale.length > 0 ? "repaired" : "unchanged";
        report.written += await recordFolder(store, samePost, planned.postHash, file);
      } else {
        const result = (await pipeline.run(
          { convert: { text, file } },
          options.signal ? { signal: options.signal } : {},
        )) as { writer?: { documentsWritten?: number } };
        report.written += result.writer?.documentsWritten ?? 0;
        status = stale.length > 0 ? "replaced" : "indexed";
      }
      // Deleted only once the new documents are stored: a failure before this line leaves the old ones.
      if (stale.length > 0) report.deleted += await store.delete(stale.map((document) => document.id));
      report.posts.push({
        file: name,
        path: file,
        slug: planned.info.slug,
        status,
        documents: planned.documents.length,
      });
      options.onProgress?.({
        done: index + 1,
        total: files.length,
        file: name,
        status,
        documents: planned.documents.length,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new TranscriptSearchError(
        `Importing ${file} into ${describeStore(store)} failed: ${TramaError.isInstance(error) ? error.message : String(error)}. The posts before it are imported, and this post's earlier documents are intact; fix the cause and import again.`,
        { cause: error },
      );
    }
  }
  if (folder && options.prune !== false && files.length > 0) await prune(store, folder, files, report);
  return report;
}

/**
 * A post's text and planned documents, or why the file cannot be read as a post: the file's own fault (unreadable,
 * no or broken front matter), which skips it rather than stopping the import.
 */
async function readPost(
  file: string,
  options: ImportPostsOptions,
): Promise<{ text: string; planned: ReturnType<typeof postDocuments> } | { message: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { message: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
  try {
    return { text, planned: postDocuments({ text, file, ...documentOptions(options) }) };
  } catch (error) {
    if (TranscriptParseError.isInstance(error)) return { message: error.message };
    throw error;
  }
}

/** One line per file skipped because it cannot be read as a post, naming it and why; empty when none was. */
export function describeFailed(report: ImportReport): string[] {
  return report.failed.map((post) => skippedLine(post.message, "import again"));
}

/** "Skipped <file>:<line>: <reason>. Fix it and <retry>.": how a file left out because it is not a post is said. */
export function skippedLine(reason: string, retry: string): string {
  return `Skipped ${/[.!?]$/.test(reason) ? reason : `${reason}.`} Fix it and ${retry}.`;
}

/** "Removed 1 episode no longer in <folder>: <file>.", when the import removed posts; else undefined. */
export function describeRemoved(report: ImportReport): string | undefined {
  const { removed } = report;
  if (removed.length === 0) return undefined;
  const files = removed.map((post) => post.file).join(", ");
  return `Removed ${removed.length} episode${removed.length === 1 ? "" : "s"} no longer in ${report.folder}: ${files}.`;
}

/** The folder `posts` names (absolute), or undefined for a list of files or a single file. */
async function folderOf(posts: string | readonly string[]): Promise<string | undefined> {
  if (typeof posts !== "string") return undefined;
  return (await stat(posts)).isDirectory() ? resolve(posts) : undefined;
}

/**
 * Gives an unchanged post's documents the folder it is imported from, when they were imported from another folder
 * (moved) or before documents recorded one; the documents are rewritten as they are, embeddings included.
 */
async function recordFolder(store: DocumentStore, samePost: Filter, postHash: string, file: string): Promise<number> {
  const folder = postFolder(file);
  const elsewhere = await store.filter({
    operator: "AND",
    conditions: [
      samePost,
      { field: "meta.post_hash", operator: "==", value: postHash },
      { field: "meta.post_folder", operator: "!=", value: folder },
    ],
  });
  if (elsewhere.length === 0) return 0;
  const moved = elsewhere.map((document) => document.withMeta({ ...document.meta, post_folder: folder }));
  return (await store.write(moved, { policy: "overwrite" })).written;
}

/**
 * Removes, in one delete, the posts imported from `folder` (or before documents recorded their folder) whose files
 * are not among `files`. Run only after every present post is imported, and never for an empty folder (an unmounted
 * or emptied folder must not empty the store).
 */
async function prune(store: DocumentStore, folder: string, files: readonly string[], report: ImportReport) {
  try {
    const gone = await store.filter({
      operator: "AND",
      conditions: [
        { field: "meta.source", operator: "==", value: "transcripts" },
        { field: "meta.post_folder", operator: "in", value: [folder, null] },
        { field: "meta.post_file", operator: "not in", value: files.map((file) => basename(file)) },
      ],
    });
    if (gone.length === 0) return;
    const counts = new Map<string, number>();
    for (const document of gone) {
      const file = String(document.meta.post_file);
      counts.set(file, (counts.get(file) ?? 0) + 1);
    }
    report.deleted += await store.delete(gone.map((document) => document.id));
    report.removed = [...counts].sort().map(([file, documents]) => ({ file, documents }));
  } catch (error) {
    throw new TranscriptSearchError(
      `Removing the posts no longer in ${folder} from ${describeStore(store)} failed: ${TramaError.isInstance(error) ? error.message : String(error)}. Every post in the folder is imported and the removed posts' documents are still stored; import again to remove them.`,
      { cause: error },
    );
  }
}

function documentOptions(options: ImportPostsOptions) {
  return {
    ...(options.maxWords === undefined ? {} : { maxWords: options.maxWords }),
    ...(options.embedder ? { indexKey: `embedder=${options.embedder}` } : {}),
  };
}

/** `PostToDocuments` → (`DocumentEmbedder`) → `DocumentWriter` (overwrite: a re-run after a failure writes the same ids). */
function importPipeline(options: ImportPostsOptions): Pipeline<Record<string, AnyComponent>> {
  const pipeline = new Pipeline<Record<string, AnyComponent>>();
  pipeline
    .add("convert", PostToDocuments(documentOptions(options)))
    .add("writer", DocumentWriter({ store: options.store, policy: "overwrite" }));
  if (!options.embedder) pipeline.connect("convert.documents", "writer.documents");
  else
    pipeline
      .add("embed", new DocumentEmbedder({ model: options.embedder, metaFields: ["chapter"] }))
      .connect("convert.documents", "embed.documents")
      .connect("embed.documents", "writer.documents");
  return pipeline;
}

/** The post files of a folder (Markdown files, sorted by name), or the files given. */
export async function postFiles(posts: string | readonly string[]): Promise<string[]> {
  if (typeof posts !== "string") return [...posts];
  let entries: string[];
  try {
    if (!(await stat(posts)).isDirectory()) return [posts];
    entries = await readdir(posts);
  } catch (error) {
    throw new TranscriptSearchError(
      `Cannot read the posts at ${posts} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Give the folder of the site's _posts, or post files.`,
      { cause: error },
    );
  }
  return entries
    .filter((entry) => [".md", ".markdown"].includes(extname(entry).toLowerCase()))
    .sort()
    .map((entry) => join(posts, entry));
}
