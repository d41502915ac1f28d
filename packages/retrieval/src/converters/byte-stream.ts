import { registerDataClass, registerNamedType, t } from "@trama/core";
import { ConversionError } from "./conversion-error.js";

/**
 * Binary data with metadata and a MIME type: what converters read when a source is not a file path (an upload, an
 * HTTP body, a string). Haystack's `ByteStream`. Immutable.
 */
export class ByteStream {
  readonly data: Uint8Array;
  readonly meta: Readonly<Record<string, unknown>>;
  /** `text/plain`, `application/pdf`, …; undefined when unknown. */
  readonly mimeType: string | undefined;

  constructor(init: { data: Uint8Array; meta?: Record<string, unknown>; mimeType?: string }) {
    this.data = init.data;
    this.meta = init.meta ?? {};
    this.mimeType = init.mimeType;
  }

  /** The text encoded as UTF-8. */
  static fromString(text: string, options: { mimeType?: string; meta?: Record<string, unknown> } = {}): ByteStream {
    return new ByteStream({ data: new TextEncoder().encode(text), meta: options.meta, mimeType: options.mimeType });
  }

  /**
   * The data decoded as text. Throws a `ConversionError` naming the stream's `file_path` (when it has one) if the
   * bytes are not valid in `encoding`.
   */
  toText(encoding = "utf-8"): string {
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch (error) {
      throw new ConversionError(`'${encoding}' is not an encoding this runtime knows: use utf-8, latin1, utf-16le, …`, {
        source: describeStream(this),
        cause: error,
      });
    }
    try {
      // A byte-order mark is not text: TextDecoder drops it by default (ignoreBOM: false).
      return decoder.decode(this.data);
    } catch (error) {
      throw new ConversionError(
        `it is not valid ${encoding} text. Give the converter the file's encoding (encoding: "latin1", …) or a meta 'encoding'.`,
        { source: describeStream(this), cause: error },
      );
    }
  }

  /** A copy with more metadata (the given keys win). */
  withMeta(meta: Record<string, unknown>): ByteStream {
    return new ByteStream({ data: this.data, mimeType: this.mimeType, meta: { ...this.meta, ...meta } });
  }

  toJSON(): { data: string; meta: Record<string, unknown>; mimeType?: string } {
    return {
      data: Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString("base64"),
      meta: { ...this.meta },
      ...(this.mimeType === undefined ? {} : { mimeType: this.mimeType }),
    };
  }

  static fromJSON(json: { data: string; meta?: Record<string, unknown>; mimeType?: string }): ByteStream {
    return new ByteStream({
      data: new Uint8Array(Buffer.from(json.data, "base64")),
      meta: json.meta,
      mimeType: json.mimeType,
    });
  }
}

/** How a stream is named in messages: its file path, or its size and type. */
export function describeStream(stream: ByteStream): string {
  const path = stream.meta.file_path;
  if (typeof path === "string" && path) return path;
  return `a byte stream of ${stream.data.byteLength} bytes${stream.mimeType ? ` (${stream.mimeType})` : ""}`;
}

/** Socket type of a `ByteStream`. */
export const byteStreamType = t.named<ByteStream>("ByteStream");
registerNamedType(byteStreamType, { is: (value) => value instanceof ByteStream });
registerDataClass<ByteStream>({
  name: "ByteStream",
  is: (value): value is ByteStream => value instanceof ByteStream,
  toJSON: (value) => value.toJSON(),
  fromJSON: (json) => ByteStream.fromJSON(json as Parameters<typeof ByteStream.fromJSON>[0]),
});
