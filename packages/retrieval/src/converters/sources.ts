/**
 * What every converter shares: sources given as file paths or byte streams, metadata for each, reading files with
 * errors that name the file and why, and Haystack's metadata rules (`file_path`, the stream's meta, then the run's).
 * @module
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { type Document, defineComponent, documentType, PipelineInputError, t } from "@trama/core";
import { ByteStream, byteStreamType, describeStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";

/** A converter's source: a file path, or bytes with metadata. */
export type Source = string | ByteStream;

/** Metadata for the documents of a run: one object for all sources, or one per source. */
export type SourceMeta = Record<string, unknown> | Record<string, unknown>[];

/** A source that could not be converted, and why; converters list them on their `failed` output. */
export interface ConversionFailure {
  /** The file path, or the stream's description. */
  source: string;
  reason: string;
}

/** Socket type of converter sources (Haystack's `list[str | Path | ByteStream]`). */
export const sourcesType = t.list(t.union(t.string, byteStreamType));
/** Socket type of converter metadata. */
export const sourceMetaType = t.union(t.record(t.any), t.list(t.record(t.any)));

/** The sockets every converter has. */
export const converterInputs = { sources: sourcesType, meta: sourceMetaType.optional() };
/** `failed` is emitted only when some source failed, so a run where all went well has only `documents`. */
export const converterOutputs = { documents: t.list(documentType), failed: t.list(t.record(t.any)) };

const mimeTypes: Record<string, string> = {
  ".txt": "text/plain",
  ".text": "text/plain",
  ".log": "text/plain",
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".mdx": "text/markdown",
  ".html": "text/html",
  ".htm": "text/html",
  ".xhtml": "application/xhtml+xml",
  ".pdf": "application/pdf",
  ".csv": "text/csv",
  ".tsv": "text/tab-separated-values",
  ".json": "application/json",
  ".jsonl": "application/jsonl",
  ".xml": "application/xml",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".srt": "application/x-subrip",
  ".vtt": "text/vtt",
};

/** The MIME type of a file from its extension (case-insensitive), or undefined when unknown. */
export function mimeTypeOf(path: string, extra: Readonly<Record<string, string>> = {}): string | undefined {
  const extension = extname(path).toLowerCase();
  return extra[extension] ?? mimeTypes[extension];
}

/** Reads a source into a byte stream; a path gets its `file_path` and MIME type. Throws `ConversionError` on failure. */
export async function readSource(source: Source): Promise<ByteStream> {
  if (source instanceof ByteStream) return source;
  try {
    const data = await readFile(source);
    return new ByteStream({ data: new Uint8Array(data), meta: { file_path: source }, mimeType: mimeTypeOf(source) });
  } catch (error) {
    throw new ConversionError(readFailureReason(error), { source, cause: error });
  }
}

/** Why a file could not be read, in words, from a Node file-system error. */
export function readFailureReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return "the file does not exist.";
    case "EACCES":
    case "EPERM":
      return "permission denied: check the file's permissions.";
    case "EISDIR":
      return "it is a folder, not a file.";
    case "ELOOP":
      return "it is a symbolic link that loops.";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open: index fewer files at once.";
    default:
      return `it could not be read (${code ?? (error as Error)?.message ?? String(error)}).`;
  }
}

/** One metadata object per source (copies, so documents never share one). */
export function normalizeMetadata(
  meta: SourceMeta | undefined,
  count: number,
  component = "converter",
): Record<string, unknown>[] {
  if (meta === undefined) return Array.from({ length: count }, () => ({}));
  if (!Array.isArray(meta)) return Array.from({ length: count }, () => structuredClone(meta));
  if (meta.length !== count) {
    throw new PipelineInputError(
      `'${component}' got ${count} sources but ${meta.length} metadata objects: give one object for all, or one per source.`,
    );
  }
  return meta.map((entry) => structuredClone(entry));
}

/**
 * The metadata of a source's documents: the stream's, then the run's. `file_path` keeps only the file's name unless
 * `storeFullPath` (Haystack's default).
 */
export function mergedMetadata(
  stream: ByteStream,
  metadata: Record<string, unknown>,
  storeFullPath = false,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stream.meta, ...metadata };
  const filePath = stream.meta.file_path;
  if (!storeFullPath && typeof filePath === "string" && filePath) merged.file_path = basename(filePath);
  return merged;
}

/** Turns one source's bytes and metadata into documents; throws `ConversionError` for a source it cannot convert. */
export type ConvertOne = (stream: ByteStream, metadata: Record<string, unknown>) => Document[] | Promise<Document[]>;

/**
 * Converts every source with `convert`, in order. A source that cannot be read or converted is left out and listed in
 * `failed` (which file, why); other errors are bugs and propagate.
 */
export async function convertSources(options: {
  sources: readonly Source[];
  meta?: SourceMeta;
  storeFullPath?: boolean;
  component?: string;
  convert: ConvertOne;
}): Promise<{ documents: Document[]; failed?: ConversionFailure[] }> {
  const metaList = normalizeMetadata(options.meta, options.sources.length, options.component);
  const documents: Document[] = [];
  const failed: ConversionFailure[] = [];
  for (const [index, source] of options.sources.entries()) {
    try {
      const stream = await readSource(source);
      documents.push(
        ...(await options.convert(stream, mergedMetadata(stream, metaList[index]!, options.storeFullPath))),
      );
    } catch (error) {
      if (!ConversionError.isInstance(error)) throw error;
      failed.push({ source: error.source, reason: error.reason });
    }
  }
  return failed.length ? { documents, failed } : { documents };
}

/** The text of a stream, decoded with the stream's `encoding` meta, the converter's encoding, or UTF-8. */
export function streamText(stream: ByteStream, encoding: string | undefined): string {
  const declared = stream.meta.encoding;
  return stream.toText(typeof declared === "string" ? declared : (encoding ?? "utf-8"));
}

export { describeStream };

/** Parameters every converter takes. */
export interface ConverterParams {
  /** Keep the whole `file_path` in the metadata, not only the file's name. Default false (as Haystack). */
  storeFullPath?: boolean;
}

/**
 * Defines a converter component: `sources` (paths or byte streams) and `meta` in, `documents` out, and `failed`
 * listing the sources that could not be read or converted (which file, why), emitted only when some failed.
 */
export function defineConverter<P extends ConverterParams>(
  type: string,
  convert: (stream: ByteStream, metadata: Record<string, unknown>, params: P) => Document[] | Promise<Document[]>,
) {
  return defineComponent({
    type,
    inputs: converterInputs,
    outputs: converterOutputs,
    run: ({ sources, meta }, { params }: { params: P }, context) =>
      convertSources({
        sources: sources as Source[],
        meta: meta as SourceMeta | undefined,
        storeFullPath: params.storeFullPath,
        component: context.component,
        convert: (stream, metadata) => convert(stream, metadata, params),
      }),
  });
}
