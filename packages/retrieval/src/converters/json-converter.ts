import { Document } from "@trama/core";
import { parseJson } from "../utils/parse-json.js";
import type { ByteStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";
import { type ConverterParams, defineConverter, describeStream, streamText } from "./sources.js";

export interface JSONConverterParams extends ConverterParams {
  /** The key whose value becomes the document's content. */
  contentKey: string;
  /** Other keys copied into the metadata (missing ones as null), or `"*"` for all of them. */
  extraMetaFields?: string[] | "*";
}

/** The documents of a JSON file: one per object (the file's object, or each object of its array). */
export function convertJson(stream: ByteStream, metadata: Record<string, unknown>, params: JSONConverterParams) {
  const parsed = parseJson(streamText(stream, undefined));
  if (!parsed.ok)
    throw new ConversionError(`it is not valid JSON (${parsed.error}).`, { source: describeStream(stream) });
  const records = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  return records.map((record, index) => {
    const where = Array.isArray(parsed.value) ? ` at index ${index}` : "";
    if (typeof record !== "object" || record === null || Array.isArray(record) || !(params.contentKey in record)) {
      throw new ConversionError(`the JSON value${where} is not an object with the key '${params.contentKey}'.`, {
        source: describeStream(stream),
      });
    }
    const object = record as Record<string, unknown>;
    const content = object[params.contentKey];
    if (typeof content === "object" && content !== null) {
      throw new ConversionError(`'${params.contentKey}'${where} holds an object or a list, not text.`, {
        source: describeStream(stream),
      });
    }
    const fields = params.extraMetaFields ?? [];
    const extra =
      fields === "*"
        ? Object.fromEntries(Object.entries(object).filter(([key]) => key !== params.contentKey))
        : Object.fromEntries(fields.map((field) => [field, object[field] ?? null]));
    return new Document({ content: content === null ? undefined : String(content), meta: { ...metadata, ...extra } });
  });
}

/**
 * JSON files to documents: an object gives one document whose content is its `contentKey`; a file holding an array
 * of objects gives one document per object (as Haystack's jq schema `.[]` would). Invalid JSON and objects without
 * the key are listed on `failed` (Haystack skips them with a logged warning).
 */
export const JSONConverter = defineConverter("trama.JSONConverter", convertJson);
