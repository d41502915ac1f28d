import { Document, defineComponent, documentType, PipelineDefinitionError, t } from "@trama/core";
import { removeHeadersAndFooters } from "./repeated-lines.js";

export interface DocumentCleanerParams {
  /** Remove lines that are empty or only whitespace. Default true. */
  removeEmptyLines?: boolean;
  /** Collapse runs of whitespace into one space and trim each page. Default true. */
  removeExtraWhitespaces?: boolean;
  /** Remove page headers and footers repeated on every page (see `removeHeadersAndFooters`). Default false. */
  removeRepeatedSubstrings?: boolean;
  /** Exact strings to remove wherever they occur. */
  removeSubstrings?: string[];
  /** A regular expression (JavaScript syntax) whose matches are removed; each page is trimmed after. */
  removeRegex?: string;
  /** Unicode normalization to apply first. */
  unicodeNormalization?: "NFC" | "NFKC" | "NFD" | "NFKD";
  /** Keep ASCII only: accents are dropped from their letters (`è` → `e`), other characters removed. Default false. */
  asciiOnly?: boolean;
  /** Keep each document's id; by default a cleaned document gets the id of its new content. Default false. */
  keepId?: boolean;
}

const perPage = (text: string, clean: (page: string) => string) => text.split("\f").map(clean).join("\f");

function compileRegex(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, "gu");
  } catch (error) {
    throw new PipelineDefinitionError(
      `DocumentCleaner: removeRegex '${pattern}' is not a valid regular expression (${(error as Error).message}).`,
    );
  }
}

/** Cleans one text with `params`, in Haystack's order (normalization, ASCII, whitespace, lines, substrings, regex, headers). */
export function cleanText(
  text: string,
  params: DocumentCleanerParams,
  regex = compileRegex(params.removeRegex),
): string {
  let clean = text;
  if (params.unicodeNormalization) clean = clean.normalize(params.unicodeNormalization);
  if (params.asciiOnly) clean = clean.normalize("NFKD").replace(/[^\p{ASCII}]/gu, "");
  if (params.removeExtraWhitespaces ?? true) clean = perPage(clean, (page) => page.replace(/\s\s+/g, " ").trim());
  if (params.removeEmptyLines ?? true)
    clean = perPage(clean, (page) =>
      page
        .split("\n")
        .filter((line) => line.trim())
        .join("\n"),
    );
  for (const substring of params.removeSubstrings ?? []) if (substring) clean = clean.replaceAll(substring, "");
  if (regex) clean = perPage(clean, (page) => page.replace(regex, "").trim());
  if (params.removeRepeatedSubstrings) clean = removeHeadersAndFooters(clean);
  return clean;
}

/**
 * Cleans documents' text: whitespace, empty lines, repeated page headers and footers, given substrings and regular
 * expressions, Unicode normalization (Haystack's `DocumentCleaner`). Pages (separated by `\f`) stay pages. A cleaned
 * document is a new source: offsets into it do not point into the original file.
 */
export const DocumentCleaner = defineComponent({
  type: "trama.DocumentCleaner",
  state: (params: DocumentCleanerParams) => ({ regex: compileRegex(params.removeRegex) }),
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }, { params, state }) => ({
    documents: documents.map((document) => {
      if (document.content === undefined) return document;
      return new Document({
        id: params.keepId ? document.id : undefined,
        content: cleanText(document.content, params, state.regex),
        meta: structuredClone(document.meta) as Record<string, unknown>,
        score: document.score,
        embedding: document.embedding ? [...document.embedding] : undefined,
      });
    }),
  }),
});
