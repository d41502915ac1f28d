import { Document } from "@trama/core";
import type { ByteStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";
import { markdownText } from "./markdown-text.js";
import { type ConverterParams, defineConverter, describeStream, streamText } from "./sources.js";

export interface MarkdownToDocumentParams extends ConverterParams {
  /** The text encoding when a stream does not declare one. Default `utf-8`. */
  encoding?: string;
}

const frontMatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** A Markdown file's YAML front matter, parsed, and the body after it. */
export async function splitFrontMatter(
  markdown: string,
  source: string,
): Promise<{ frontMatter: Record<string, unknown>; body: string }> {
  const match = frontMatterPattern.exec(markdown);
  if (!match) return { frontMatter: {}, body: markdown };
  // yaml is loaded on first use: most imports of this package never read front matter.
  const { parseDocument } = await import("yaml");
  const document = parseDocument(match[1]!, { schema: "core", uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) {
    // The front matter starts on the file's second line.
    const line = (problem.linePos?.[0]?.line ?? 1) + 1;
    throw new ConversionError(`its front matter is not valid YAML at line ${line}: ${problem.message.split("\n")[0]}`, {
      source,
    });
  }
  const value = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (value === null || value === undefined) return { frontMatter: {}, body: markdown.slice(match[0].length) };
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ConversionError("its front matter is not a YAML mapping (key: value lines).", { source });
  }
  const frontMatter = Object.fromEntries(Object.entries(value).filter(([key]) => key !== "__proto__"));
  return { frontMatter, body: markdown.slice(match[0].length) };
}

/** One document holding a Markdown file's text, its front matter as metadata. */
export async function convertMarkdown(
  stream: ByteStream,
  metadata: Record<string, unknown>,
  params: MarkdownToDocumentParams,
) {
  const { frontMatter, body } = await splitFrontMatter(streamText(stream, params.encoding), describeStream(stream));
  return [new Document({ content: markdownText(body), meta: { ...frontMatter, ...metadata } })];
}

/**
 * Markdown files to documents: the YAML front matter becomes metadata (the stream's and the run's metadata win on
 * equal keys), and the body becomes plain text with its headings kept as lines (see `markdownText`).
 */
export const MarkdownToDocument = defineConverter("trama.MarkdownToDocument", convertMarkdown);
