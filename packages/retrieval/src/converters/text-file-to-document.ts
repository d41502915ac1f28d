import { Document } from "@trama/core";
import type { ByteStream } from "./byte-stream.js";
import { type ConverterParams, defineConverter, streamText } from "./sources.js";

export interface TextFileToDocumentParams extends ConverterParams {
  /** The text encoding when a stream does not declare one in its `encoding` meta. Default `utf-8`. */
  encoding?: string;
}

/** One document holding a text stream's text, exactly as decoded. */
export function convertText(stream: ByteStream, metadata: Record<string, unknown>, params: TextFileToDocumentParams) {
  return [new Document({ content: streamText(stream, params.encoding), meta: metadata })];
}

/**
 * Text files (or byte streams) to documents, one per source, the text exactly as decoded: character offsets into a
 * document are offsets into the file's text. Sources that cannot be read are listed on `failed`.
 */
export const TextFileToDocument = defineConverter("trama.TextFileToDocument", convertText);

/**
 * CSV files to documents, one per file holding the file's text (Haystack's default `file` mode): tables are best
 * split and embedded as text. Sources that cannot be read are listed on `failed`.
 */
export const CSVToDocument = defineConverter("trama.CSVToDocument", convertText);
