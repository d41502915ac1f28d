/**
 * Stand-ins for the Haystack converters, router and preprocessors the file-conversion scenarios use: `ByteStream`,
 * `FileTypeRouter`, `TextFileToDocument`, `CSVToDocument`, `JSONConverter`, `HTMLToDocument`, `DocumentSplitter` and
 * `DocumentCleaner`. Trama has none of them yet; they belong to the retrieval package, and these stand in until it
 * provides real converters. Each one does exactly what Haystack's does for the options and inputs the scenarios use
 * (same documents, same metadata keys such as `source_id`, `page_number`, `split_id`, `split_idx_start`) and refuses
 * the options it does not implement.
 */
import { Document, defineComponent, documentType, t } from "@trama/core";

/** Haystack's `ByteStream`: binary data with metadata and a MIME type. */
export class ByteStream {
  readonly data: Uint8Array;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly mimeType: string | undefined;

  constructor(init: { data: Uint8Array; meta?: Record<string, unknown>; mimeType?: string }) {
    this.data = init.data;
    this.meta = init.meta ?? {};
    this.mimeType = init.mimeType;
  }

  /** `ByteStream.from_string`: the text encoded as UTF-8. */
  static fromString(text: string, options: { mimeType?: string; meta?: Record<string, unknown> } = {}): ByteStream {
    return new ByteStream({ data: new TextEncoder().encode(text), meta: options.meta, mimeType: options.mimeType });
  }

  /** `ByteStream.to_string`. */
  toText(encoding = "utf-8"): string {
    return new TextDecoder(encoding, { fatal: true }).decode(this.data);
  }
}

export const byteStreamType = t.named<ByteStream>("ByteStream");

/** Haystack's `list[str | Path | ByteStream]`; paths are strings here. */
const sourcesType = t.list(t.union(t.string, byteStreamType));
/** Haystack's `dict[str, Any] | list[dict[str, Any]] | None`. */
const metaType = t.union(t.record(t.any), t.list(t.record(t.any)));
type Meta = Record<string, unknown> | Record<string, unknown>[] | undefined;

/** `converters.utils.get_bytestream_from_source`, for byte streams only: the stand-ins read no files. */
function bytestreamFrom(source: string | ByteStream): ByteStream {
  if (source instanceof ByteStream) return source;
  throw new Error(`This stand-in converter reads ByteStream sources only, not the path '${source}'.`);
}

/** `converters.utils.normalize_metadata`. */
function normalizeMetadata(meta: Meta, count: number): Record<string, unknown>[] {
  if (meta === undefined) return Array.from({ length: count }, () => ({}));
  if (!Array.isArray(meta)) return Array.from({ length: count }, () => structuredClone(meta));
  if (meta.length !== count) throw new Error("The length of the metadata list must match the number of sources.");
  return meta;
}

/** The metadata every converter gives its documents: the stream's, then the run's, with `file_path` shortened. */
function mergedMetadata(stream: ByteStream, metadata: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stream.meta, ...metadata };
  const filePath = stream.meta.file_path;
  if (typeof filePath === "string" && filePath) merged.file_path = filePath.split(/[\\/]/).pop();
  return merged;
}

/** Haystack's `FileTypeRouter`: sorts sources into one output per MIME type (or regex), plus `unclassified`. */
export const FileTypeRouter = defineComponent({
  type: "sample.FileTypeRouter",
  inputs: { sources: sourcesType, meta: metaType.optional() },
  outputs: (params: { mimeTypes: string[] }): Record<string, typeof sourcesType> => ({
    unclassified: sourcesType,
    failed: sourcesType,
    ...Object.fromEntries(params.mimeTypes.map((mimeType) => [mimeType, sourcesType])),
  }),
  run: ({ sources, meta }, { params }) => {
    const buckets: Record<string, Array<string | ByteStream>> = {};
    const metaList = normalizeMetadata(meta as Meta, sources.length);
    sources.forEach((source, index) => {
      let stream = bytestreamFrom(source);
      const mimeType = stream.mimeType;
      const extra = metaList[index]!;
      if (Object.keys(extra).length) {
        stream = new ByteStream({ data: stream.data, mimeType, meta: { ...stream.meta, ...extra } });
      }
      const bucket =
        mimeType === undefined
          ? undefined
          : params.mimeTypes.find((key) => mimeType === key || new RegExp(`^(?:${key})$`).test(mimeType));
      const key = bucket ?? "unclassified";
      buckets[key] = [...(buckets[key] ?? []), stream];
    });
    return buckets;
  },
});

/** Haystack's `TextFileToDocument`: one document per source, its text decoded. */
export const TextFileToDocument = defineComponent({
  type: "sample.TextFileToDocument",
  inputs: { sources: sourcesType, meta: metaType.optional() },
  outputs: { documents: t.list(documentType) },
  run: ({ sources, meta }, { params }: { params: { encoding?: string } }) => {
    const metaList = normalizeMetadata(meta as Meta, sources.length);
    const documents = sources.map((source, index) => {
      const stream = bytestreamFrom(source);
      const text = stream.toText((stream.meta.encoding as string | undefined) ?? params.encoding ?? "utf-8");
      return new Document({ content: text, meta: mergedMetadata(stream, metaList[index]!) });
    });
    return { documents };
  },
});

/** Haystack's `CSVToDocument` in its default `file` mode: one document per file, its raw CSV text. */
export const CSVToDocument = defineComponent({
  type: "sample.CSVToDocument",
  inputs: { sources: sourcesType, contentColumn: t.string.optional(), meta: metaType.optional() },
  outputs: { documents: t.list(documentType) },
  run: ({ sources, meta }, { params }: { params: { encoding?: string; conversionMode?: "file" } }) => {
    if ((params.conversionMode ?? "file") !== "file") throw new Error("This stand-in implements the 'file' mode only.");
    const metaList = normalizeMetadata(meta as Meta, sources.length);
    const documents = sources.map((source, index) => {
      const stream = bytestreamFrom(source);
      const text = stream.toText((stream.meta.encoding as string | undefined) ?? params.encoding ?? "utf-8");
      return new Document({ content: text, meta: mergedMetadata(stream, metaList[index]!) });
    });
    return { documents };
  },
});

/** Haystack's `JSONConverter` with a `content_key` (no jq schema): the key's value is the content. */
export const JSONConverter = defineComponent({
  type: "sample.JSONConverter",
  inputs: { sources: sourcesType, meta: metaType.optional() },
  outputs: { documents: t.list(documentType) },
  run: ({ sources, meta }, { params }: { params: { contentKey: string; extraMetaFields?: string[] | "*" } }) => {
    const metaList = normalizeMetadata(meta as Meta, sources.length);
    const documents: Document[] = [];
    sources.forEach((source, index) => {
      const stream = bytestreamFrom(source);
      let object: unknown;
      try {
        object = JSON.parse(stream.toText());
      } catch {
        return; // Haystack logs a warning and skips the source.
      }
      if (typeof object !== "object" || object === null || Array.isArray(object)) return;
      const record = object as Record<string, unknown>;
      if (!(params.contentKey in record)) return;
      const text = record[params.contentKey];
      if (typeof text === "object" && text !== null) return;
      const fields = params.extraMetaFields ?? [];
      const extra =
        fields === "*"
          ? Object.fromEntries(Object.entries(record).filter(([key]) => key !== params.contentKey))
          : Object.fromEntries(fields.map((field) => [field, record[field] ?? null]));
      documents.push(
        new Document({
          content: text as string,
          meta: { ...mergedMetadata(stream, metaList[index]!), ...extra },
        }),
      );
    });
    return { documents };
  },
});

/**
 * Haystack's `HTMLToDocument`. Haystack extracts the main text with trafilatura; this stand-in removes the markup
 * and the surrounding whitespace, which is what trafilatura returns for the simple pages of the scenarios.
 */
export const HTMLToDocument = defineComponent({
  type: "sample.HTMLToDocument",
  inputs: { sources: sourcesType, meta: metaType.optional(), extractionKwargs: t.record(t.any).optional() },
  outputs: { documents: t.list(documentType) },
  run: ({ sources, meta }) => {
    const metaList = normalizeMetadata(meta as Meta, sources.length);
    const documents: Document[] = [];
    sources.forEach((source, index) => {
      const stream = bytestreamFrom(source);
      if (stream.data.length === 0) return;
      const html = stream.toText((stream.meta.encoding as string | undefined) ?? "utf-8");
      const text = html
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      documents.push(new Document({ content: text, meta: mergedMetadata(stream, metaList[index]!) }));
    });
    return { documents };
  },
});

const splitCharacters = { page: "\f", passage: "\n\n", period: ".", word: " ", line: "\n" } as const;

export interface DocumentSplitterParams {
  splitBy?: keyof typeof splitCharacters;
  splitLength?: number;
  splitOverlap?: number;
  splitThreshold?: number;
  skipEmptyDocuments?: boolean;
}

/** Haystack's `DocumentSplitter` splitting by a character (word, page, passage, period, line), without overlap. */
export const DocumentSplitter = defineComponent({
  type: "sample.DocumentSplitter",
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }, { params }: { params: DocumentSplitterParams }) => {
    const splitBy = params.splitBy ?? "word";
    const splitLength = params.splitLength ?? 200;
    const threshold = params.splitThreshold ?? 0;
    const skipEmpty = params.skipEmptyDocuments ?? true;
    if ((params.splitOverlap ?? 0) !== 0) throw new Error("This stand-in splits without overlap only.");
    const splits: Document[] = [];
    for (const document of documents) {
      if (document.content === undefined) {
        throw new Error(
          `DocumentSplitter only works with text documents but content for document ID ${document.id} is None.`,
        );
      }
      if (document.content === "" && skipEmpty) continue;
      const separator = splitCharacters[splitBy];
      const units = document.content
        .split(separator)
        .map((unit, index, all) => (index < all.length - 1 ? unit + separator : unit));
      // `_concatenate_units`: windows of `splitLength` units, tracking the page and the start offset of each.
      const texts: string[] = [];
      const pages: number[] = [];
      const starts: number[] = [];
      let start = 0;
      let page = 1;
      for (let index = 0; index < units.length; index += splitLength) {
        const window = units.slice(index, index + splitLength);
        const text = window.join("");
        if (window.length < threshold && texts.length > 0) texts[texts.length - 1] += text;
        else if (!skipEmpty || text.length > 0) {
          texts.push(text);
          pages.push(page);
          starts.push(start);
        }
        start += text.length;
        page += splitBy === "page" ? window.length : window.reduce((sum, unit) => sum + unit.split("\f").length - 1, 0);
      }
      texts.forEach((text, index) => {
        splits.push(
          new Document({
            content: text,
            meta: {
              ...structuredClone(document.meta),
              source_id: document.id,
              page_number: pages[index],
              split_id: index,
              split_idx_start: starts[index],
            },
          }),
        );
      });
    }
    return { documents: splits };
  },
});

export interface DocumentCleanerParams {
  removeEmptyLines?: boolean;
  removeExtraWhitespaces?: boolean;
  keepId?: boolean;
}

/** Haystack's `DocumentCleaner` with its whitespace and empty-line cleaning (the default steps). */
export const DocumentCleaner = defineComponent({
  type: "sample.DocumentCleaner",
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }, { params }: { params: DocumentCleanerParams }) => ({
    documents: documents.map((document) => {
      if (document.content === undefined) return document;
      let text = document.content;
      if (params.removeExtraWhitespaces ?? true) {
        text = text
          .split("\f")
          .map((page) => page.replace(/\s\s+/g, " ").trim())
          .join("\f");
      }
      if (params.removeEmptyLines ?? true) {
        text = text
          .split("\f")
          .map((page) =>
            page
              .split("\n")
              .filter((line) => line.trim())
              .join("\n"),
          )
          .join("\f");
      }
      return new Document({
        id: params.keepId ? document.id : undefined,
        content: text,
        meta: structuredClone(document.meta),
        score: document.score,
        embedding: document.embedding ? [...document.embedding] : undefined,
      });
    }),
  }),
});
