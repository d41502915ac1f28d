import { Document } from "@trama/core";
import type { ByteStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";
import { htmlText } from "./html-text.js";
import { type ConverterParams, defineConverter, describeStream, streamText } from "./sources.js";

export interface HTMLToDocumentParams extends ConverterParams {
  /** The text encoding when a stream does not declare one. Default `utf-8`. */
  encoding?: string;
}

/** One document holding a page's main text, with its `<title>` as `meta.title`. */
export function convertHtml(stream: ByteStream, metadata: Record<string, unknown>, params: HTMLToDocumentParams) {
  const { text, title } = htmlText(streamText(stream, params.encoding));
  if (!text) throw new ConversionError("the page has no text.", { source: describeStream(stream) });
  return [new Document({ content: text, meta: title ? { title, ...metadata } : metadata })];
}

/**
 * HTML pages to documents holding their main text (no scripts, styles, navigation or footers; see `htmlText`), with
 * the page's `<title>` as `meta.title` when it has one. Pages without text are listed on `failed`.
 */
export const HTMLToDocument = defineConverter("trama.HTMLToDocument", convertHtml);
