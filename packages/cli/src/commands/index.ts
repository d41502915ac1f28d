import type { Document } from "@trama/core";
import type { DocumentStore, SplitBy } from "@trama/retrieval";
import type { CliCommand, CliIO } from "../command.js";
import { createProgressBar } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { collectFiles, displayPath, type FileProblem, type ReplaceCounts, replaceFileChunks } from "./index-files.js";
import { defaultStore, parseCommandLine, printAbove, storeShorthand, wholeNumber } from "./retrieval-options.js";

const usage = `Usage: trama index <files or folders…> [options]

Converts files to text (.txt, .md with its front matter as metadata, .html, .pdf, .csv, .json), splits the text
into chunks and writes them to a document store, one file at a time. A file that cannot be read is reported (which
file, why) and skipped; everything else is indexed, and the command exits with 1 at the end. Folders are read
recursively, skipping hidden entries and node_modules. Indexing a file again replaces its chunks: an unchanged file
writes nothing, and chunks of text that is gone are removed. Each chunk keeps its file and its character offsets.

Options:
  --store <store>       The document store (default ${defaultStore}): sqlite:<file>, memory:<file.json>,
                        postgres:env:<VARIABLE>.
  --split-by <unit>     sentence (default), word, passage, page, line or token.
  --split-length <n>    Units per chunk (default 5).
  --overlap <n>         Units each chunk shares with the one before (default 1).
  --language <tag>      The language of the sentences: en (default), it, …
  --embedder <model>    Also embed the chunks (ollama:nomic-embed-text, openai:text-embedding-3-small,
                        onnx:./models/…), for trama ask --embedder; the store needs vector search.
  -h, --help            Show this help.`;

const splitUnits: readonly SplitBy[] = ["sentence", "word", "passage", "page", "line", "token"];

interface IndexOptions {
  paths: string[];
  store: string;
  splitBy: SplitBy;
  splitLength: number;
  overlap: number;
  language: string;
  embedder?: string;
}

function readOptions(args: string[], cwd: string): IndexOptions {
  const { values, positionals } = parseCommandLine(args, {
    store: { type: "string" },
    "split-by": { type: "string" },
    "split-length": { type: "string" },
    overlap: { type: "string" },
    language: { type: "string" },
    embedder: { type: "string" },
  });
  if (!positionals.length) throw new UsageError("Name the files or folders to index: trama index docs/ notes.md");
  const splitBy = (values["split-by"] ?? "sentence") as SplitBy;
  if (!splitUnits.includes(splitBy))
    throw new UsageError(`--split-by takes ${splitUnits.join(", ")}, not '${values["split-by"]}'.`);
  const splitLength = wholeNumber(values["split-length"], "--split-length", 5);
  const overlap = wholeNumber(values.overlap, "--overlap", Math.min(1, splitLength - 1), 0);
  if (overlap >= splitLength)
    throw new UsageError(`--overlap (${overlap}) must be smaller than --split-length (${splitLength}).`);
  return {
    paths: positionals,
    store: storeShorthand(values.store ?? defaultStore, cwd),
    splitBy,
    splitLength,
    overlap,
    language: values.language ?? "en",
    ...(values.embedder ? { embedder: values.embedder } : {}),
  };
}

/** `trama index <files or folders…>`: converts, splits (and embeds) files into a document store. */
export const command: CliCommand = {
  name: "index",
  summary: "Index files (text, Markdown, HTML, PDF, CSV, JSON) into a document store for trama ask",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = readOptions(args, io.cwd);
    const retrieval = await import("@trama/retrieval");
    const convertible = new Set(retrieval.convertibleMimeTypes);
    const { files, problems } = await collectFiles({
      paths: options.paths,
      cwd: io.cwd,
      isConvertible: (path) => convertible.has(retrieval.mimeTypeOf(path) ?? ""),
    });
    for (const problem of problems) printAbove(io, `trama index: cannot read ${problem.path}: ${problem.reason}`);
    if (!files.length) {
      // Every path unreadable was said just above; "no files" is news only about the paths that could be read.
      if (!options.paths.every((path) => problems.some((problem) => problem.path === path)))
        io.stderr.write(`trama index: no files to index in ${options.paths.join(", ")}.\n`);
      return 1;
    }
    const store = await retrieval.resolveDocumentStore(options.store);
    try {
      const pipeline = await indexingPipeline(options);
      const totals: ReplaceCounts & { files: number } = { files: 0, added: 0, unchanged: 0, removed: 0 };
      const bar = createProgressBar(io.stderr, { label: "Indexing", total: files.length, unit: "files" });
      for (const [index, file] of files.entries()) {
        const filePath = displayPath(file, io.cwd);
        bar.update(index, filePath);
        const chunks = await chunksOf({ pipeline, file, filePath, signal: io.signal });
        if ("problem" in chunks) {
          problems.push(chunks.problem);
          printAbove(io, `trama index: cannot index ${filePath}: ${chunks.problem.reason}`);
          continue;
        }
        const counts = await replaceFileChunks({ store, filePath, chunks: chunks.documents });
        await saved(store);
        totals.files++;
        totals.added += counts.added;
        totals.unchanged += counts.unchanged;
        totals.removed += counts.removed;
      }
      bar.update(files.length, "");
      bar.finish();
      io.stdout.write(
        `Indexed ${totals.files} of ${files.length} files into ${options.store}: ${totals.added} chunks written, ${totals.unchanged} unchanged, ${totals.removed} removed.\n`,
      );
      if (problems.length) io.stderr.write(problemSummary(problems));
      return problems.length ? 1 : 0;
    } finally {
      await store.close?.();
    }
  },
};

/** Converter → splitter (→ embedder): what one file goes through. */
async function indexingPipeline(options: IndexOptions) {
  const { Pipeline } = await import("@trama/core");
  const { DocumentSplitter, MultiFileConverter } = await import("@trama/retrieval");
  const pipeline = new Pipeline()
    .add("convert", MultiFileConverter({ storeFullPath: true }))
    .add(
      "split",
      DocumentSplitter({
        splitBy: options.splitBy,
        splitLength: options.splitLength,
        splitOverlap: options.overlap,
        language: options.language,
      }),
    )
    .connect("convert.documents", "split.documents");
  if (!options.embedder) return pipeline;
  const { DocumentEmbedder } = await import("@trama/models");
  return pipeline.add("embed", new DocumentEmbedder({ model: options.embedder })).connect("split", "embed");
}

type IndexingPipeline = Awaited<ReturnType<typeof indexingPipeline>>;

/** The chunks of one file, or why it could not be converted. Other failures (a model, a store) stop the command. */
async function chunksOf(options: {
  pipeline: IndexingPipeline;
  file: string;
  filePath: string;
  signal: AbortSignal;
}): Promise<{ documents: Document[] } | { problem: FileProblem }> {
  const result = (await options.pipeline.run(
    { convert: { sources: [options.file], meta: { file_path: options.filePath } } },
    { signal: options.signal },
  )) as Record<string, { documents?: Document[]; failed?: Array<{ reason: string }> }>;
  const failure = result.convert?.failed?.[0];
  if (failure) return { problem: { path: options.filePath, reason: failure.reason } };
  return { documents: (result.embed ?? result.split)?.documents ?? [] };
}

/** Stores kept in memory are saved to their file after each file, so an interruption keeps what was indexed. */
async function saved(store: DocumentStore): Promise<void> {
  const save = (store as { save?: () => Promise<void> }).save;
  if (typeof save === "function" && (store.toConfig() as { path?: unknown }).path) await save.call(store);
}

function problemSummary(problems: readonly FileProblem[]): string {
  const lines = problems.map((problem) => `  ${problem.path}: ${problem.reason}`);
  return `trama index: ${problems.length} ${problems.length === 1 ? "path was" : "paths were"} not indexed:\n${lines.join("\n")}\n`;
}
