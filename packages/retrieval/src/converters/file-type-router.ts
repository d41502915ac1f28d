import { defineComponent, PipelineDefinitionError } from "@trama/core";
import { ByteStream } from "./byte-stream.js";
import { ConversionError } from "./conversion-error.js";
import {
  mimeTypeOf,
  normalizeMetadata,
  readSource,
  type Source,
  type SourceMeta,
  sourceMetaType,
  sourcesType,
} from "./sources.js";

export interface FileTypeRouterParams {
  /** MIME types, or regular expressions matching whole MIME types (`text/.*`): one output each, first match wins. */
  mimeTypes: string[];
  /** More file extensions and their MIME types: `{ ".srt": "text/srt" }`. */
  additionalMimetypes?: Record<string, string>;
}

function compile(mimeTypes: readonly string[]): RegExp[] {
  if (!mimeTypes.length)
    throw new PipelineDefinitionError("FileTypeRouter needs at least one MIME type in 'mimeTypes'.");
  return mimeTypes.map((pattern) => {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch (error) {
      throw new PipelineDefinitionError(`FileTypeRouter's MIME type '${pattern}' is not a valid regular expression.`, {
        cause: error,
      });
    }
  });
}

/**
 * Sorts sources by MIME type (Haystack's `FileTypeRouter`): one output per entry of `mimeTypes`, `unclassified` for
 * the others, and `failed` for files that could not be read. A path's type comes from its extension, a byte stream's
 * from its `mimeType`. With `meta`, sources become byte streams carrying it (files are read for that).
 */
export const FileTypeRouter = defineComponent({
  type: "trama.FileTypeRouter",
  state: (params: FileTypeRouterParams) => ({ patterns: compile(params.mimeTypes) }),
  inputs: { sources: sourcesType, meta: sourceMetaType.optional() },
  outputs: (params: FileTypeRouterParams): Record<string, typeof sourcesType> => ({
    unclassified: sourcesType,
    failed: sourcesType,
    ...Object.fromEntries(params.mimeTypes.map((mimeType) => [mimeType, sourcesType])),
  }),
  run: async ({ sources, meta }, { params, state }, context) => {
    const buckets: Record<string, Source[]> = {};
    const add = (key: string, source: Source) => {
      buckets[key] = [...(buckets[key] ?? []), source];
    };
    const metaList = normalizeMetadata(meta as SourceMeta | undefined, sources.length, context.component);
    for (const [index, original] of (sources as Source[]).entries()) {
      const mimeType =
        original instanceof ByteStream ? original.mimeType : mimeTypeOf(original, params.additionalMimetypes);
      let source = original;
      const extra = metaList[index]!;
      if (Object.keys(extra).length) {
        try {
          source = (await readSource(original)).withMeta(extra);
        } catch (error) {
          if (!ConversionError.isInstance(error)) throw error;
          add("failed", original);
          continue;
        }
      }
      const position = mimeType === undefined ? -1 : state.patterns.findIndex((pattern) => pattern.test(mimeType));
      add(position < 0 ? "unclassified" : params.mimeTypes[position]!, source);
    }
    return buckets;
  },
});
