import { Document } from "@trama/core";
import { planChunks } from "./chunk-plan.js";
import { splitSentences, type TextSpan } from "./sentence-splitter.js";
import { estimateTokens, type SplitBy, type TokenCounter, textUnits } from "./text-units.js";

/** How `splitDocument` cuts a document; see `DocumentSplitterParams` for each option's meaning. */
export interface SplitOptions {
  splitBy: SplitBy;
  splitLength: number;
  splitOverlap: number;
  splitThreshold: number;
  respectSentenceBoundary: boolean;
  language: string;
  tokenCounter?: TokenCounter;
}

/** Where a chunk lies in its source: `source.content.slice(start, end) === chunk.content`. */
export interface SourceOffsets {
  start: number;
  end: number;
}

/** One entry of a chunk's `_split_overlap` (Haystack's): a neighbour it shares text with, and where that text lies in the neighbour. */
export interface SplitOverlap {
  doc_id: string;
  range: [number, number];
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * Splits one document into chunks. Each chunk is an exact slice of the source's content and carries, besides the
 * source's metadata: `source_id` (the source's id), `split_id` (0, 1, …), `split_idx_start` and `source_offsets`
 * (`{ start, end }`, UTF-16 code unit offsets, so `source.content.slice(start, end) === chunk.content`),
 * `page_number` (the source's page, 1 by default, plus the form feeds before the chunk) and, when chunks overlap,
 * `_split_overlap` (Haystack's record of the text shared with the neighbouring chunks; not part of the chunk's id).
 * Chunks of whitespace only are left out.
 */
export function splitDocument(source: Document, options: SplitOptions): Document[] {
  const text = source.content ?? "";
  const counter = options.tokenCounter ?? estimateTokens;
  const bySentence = options.respectSentenceBoundary;
  const units = bySentence
    ? splitSentences(text, options.language)
    : textUnits(text, options.splitBy, options.language);
  const weighed = bySentence || options.splitBy === "token";
  const weights = units.map((unit) => {
    if (!weighed) return 1;
    const piece = text.slice(unit.start, unit.end);
    return options.splitBy === "token" ? counter(piece) : words(piece);
  });
  const spans: TextSpan[] = [];
  for (const [first, end] of planChunks({
    weights,
    length: options.splitLength,
    overlap: options.splitOverlap,
    overlapRule: weighed ? "weight" : "units",
  })) {
    const span = { start: units[first]!.start, end: units[end - 1]!.end };
    const previous = spans[spans.length - 1];
    // Haystack appends a window shorter than the threshold to the chunk before; here the chunk grows to cover it, so
    // it stays a slice of the source even when windows overlap.
    if (!weighed && previous && end - first < options.splitThreshold) previous.end = span.end;
    else if (text.slice(span.start, span.end).trim()) spans.push(span);
  }
  return chunkDocuments(source, text, spans, options.splitOverlap > 0);
}

function chunkDocuments(source: Document, text: string, spans: readonly TextSpan[], overlapping: boolean): Document[] {
  const firstPage = typeof source.meta.page_number === "number" ? source.meta.page_number : 1;
  let page = firstPage;
  let counted = 0;
  const chunks = spans.map((span, index) => {
    for (; counted < span.start; counted++) if (text.charCodeAt(counted) === 12) page++;
    const content = text.slice(span.start, span.end);
    const meta: Record<string, unknown> = {
      ...structuredClone(source.meta),
      source_id: source.id,
      page_number: page,
      split_id: index,
      split_idx_start: span.start,
      source_offsets: { start: span.start, end: span.end },
    };
    return { content, meta, id: Document.idFor({ content, meta }), span };
  });
  if (!overlapping) return chunks.map(({ content, meta, id }) => new Document({ id, content, meta }));
  const overlaps = chunks.map((): SplitOverlap[] => []);
  chunks.forEach((chunk, index) => {
    const previous = chunks[index - 1];
    if (!previous || chunk.span.start >= previous.span.end) return;
    const shared = previous.span.end - chunk.span.start;
    overlaps[index]!.push({
      doc_id: previous.id,
      range: [chunk.span.start - previous.span.start, previous.content.length],
    });
    overlaps[index - 1]!.push({ doc_id: chunk.id, range: [0, shared] });
  });
  // As in Haystack, ids are computed before `_split_overlap` is added, which names the neighbours' ids.
  return chunks.map(
    ({ content, meta, id }, index) => new Document({ id, content, meta: { ...meta, _split_overlap: overlaps[index] } }),
  );
}
