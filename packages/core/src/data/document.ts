import { createHash } from "node:crypto";
import { registerNamedType, t } from "../types/socket-type.js";

/** What a `Document` is built from. */
export interface DocumentInit {
  id?: string;
  content?: string;
  meta?: Record<string, unknown>;
  embedding?: number[];
  score?: number;
}

/**
 * A piece of text with metadata, an optional embedding and a retrieval score. Its id is derived from its content and
 * metadata unless given. Immutable: `withScore` and friends return copies.
 *
 * Metadata keys `@trama/retrieval` sets, as Haystack does: `file_path` (converters), `page_number`, and on chunks
 * `source_id` (the id of the document split), `split_id`, `split_idx_start`, `source_offsets` (`{ start, end }`:
 * `source.content.slice(start, end) === chunk.content`, in UTF-16 code units) and `_split_overlap`.
 */
export class Document {
  readonly id: string;
  readonly content: string | undefined;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly embedding: readonly number[] | undefined;
  readonly score: number | undefined;

  constructor(init: DocumentInit) {
    this.content = init.content;
    this.meta = init.meta ?? {};
    this.embedding = init.embedding;
    this.score = init.score;
    this.id = init.id ?? Document.idFor(init);
  }

  /** The id a document with this content, metadata and embedding gets: a SHA-256 of them. */
  static idFor(init: Pick<DocumentInit, "content" | "meta" | "embedding">): string {
    const canonical = stableStringify({
      content: init.content ?? null,
      meta: init.meta ?? {},
      embedding: init.embedding ?? null,
    });
    return createHash("sha256").update(canonical).digest("hex");
  }

  withScore(score: number | undefined): Document {
    return new Document({ ...this.toJSON(), score });
  }

  withMeta(meta: Record<string, unknown>): Document {
    return new Document({ ...this.toJSON(), meta: { ...this.meta, ...meta } });
  }

  toJSON(): DocumentInit & { id: string } {
    return {
      id: this.id,
      ...(this.content === undefined ? {} : { content: this.content }),
      ...(Object.keys(this.meta).length ? { meta: { ...this.meta } } : {}),
      ...(this.embedding === undefined ? {} : { embedding: [...this.embedding] }),
      ...(this.score === undefined ? {} : { score: this.score }),
    };
  }

  static fromJSON(json: DocumentInit): Document {
    return new Document(json);
  }
}

/** Socket type of a `Document`. */
export const documentType = t.named<Document>("Document");
registerNamedType(documentType, { is: (value) => value instanceof Document });

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
