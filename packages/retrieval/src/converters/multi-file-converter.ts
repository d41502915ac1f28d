import type { Document } from "@trama/core";
import type { ByteStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";
import { convertHtml } from "./html-to-document.js";
import { convertJson } from "./json-converter.js";
import { convertMarkdown } from "./markdown-to-document.js";
import { convertPdf } from "./pdf-to-document.js";
import { type ConverterParams, defineConverter, describeStream, mimeTypeOf } from "./sources.js";
import { convertText } from "./text-file-to-document.js";

export interface MultiFileConverterParams extends ConverterParams {
  /** The text encoding of text, Markdown, HTML and CSV files that do not declare one. Default `utf-8`. */
  encoding?: string;
  /** The key holding the content in JSON files. Default `content`. */
  jsonContentKey?: string;
  /** PDFs: one document per page instead of one per file. Default false. */
  documentPerPage?: boolean;
}

type Convert = (
  stream: ByteStream,
  metadata: Record<string, unknown>,
  params: MultiFileConverterParams,
) => Document[] | Promise<Document[]>;

const byMimeType: Record<string, Convert> = {
  "text/plain": convertText,
  "text/csv": convertText,
  "text/tab-separated-values": convertText,
  "text/markdown": convertMarkdown,
  "text/html": convertHtml,
  "application/xhtml+xml": convertHtml,
  "application/pdf": convertPdf,
  "application/json": (stream, metadata, params) =>
    convertJson(stream, metadata, { contentKey: params.jsonContentKey ?? "content" }),
};

/** The MIME types `MultiFileConverter` converts. */
export const convertibleMimeTypes: readonly string[] = Object.keys(byMimeType);

/** The documents of one source of any supported type (see `MultiFileConverter`). */
export function convertAny(stream: ByteStream, metadata: Record<string, unknown>, params: MultiFileConverterParams) {
  const path = typeof stream.meta.file_path === "string" ? stream.meta.file_path : "";
  const mimeType = stream.mimeType ?? (path ? mimeTypeOf(path) : undefined);
  const convert = mimeType ? byMimeType[mimeType] : undefined;
  if (!convert) {
    throw new ConversionError(
      `${mimeType ? `files of type ${mimeType}` : "files of unknown type"} cannot be converted. Supported: .txt, .md, .html, .pdf, .csv, .json.`,
      { source: describeStream(stream) },
    );
  }
  return convert(stream, metadata, params);
}

/**
 * Converts files of every supported type in one component (Haystack's `MultiFileConverter`): text, Markdown (front
 * matter as metadata), HTML, PDF (with `pdfjs-dist` installed), CSV and JSON, chosen by MIME type or extension.
 * Files of other types, and files that cannot be read, are listed on `failed` with the reason.
 */
export const MultiFileConverter = defineConverter("trama.MultiFileConverter", convertAny);
