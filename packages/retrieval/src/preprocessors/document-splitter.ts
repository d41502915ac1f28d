import {
  type Document,
  defineComponent,
  documentType,
  PipelineDefinitionError,
  PipelineRuntimeError,
  SerializationError,
  t,
} from "@trama/core";
import { type SplitOptions, splitDocument } from "./split-document.js";
import { type SplitBy, splitByValues, type TokenCounter } from "./text-units.js";

export interface DocumentSplitterParams {
  /** The unit to count (see `SplitBy`). Default `word`. */
  splitBy?: SplitBy;
  /** Units per chunk (words, sentences, …; tokens with `token`; words with `respectSentenceBoundary`). Default 200. */
  splitLength?: number;
  /** Units each chunk shares with the one before. Default 0. */
  splitOverlap?: number;
  /** A last window with fewer units than this joins the chunk before it. Default 0. */
  splitThreshold?: number;
  /**
   * With `word` or `token`: chunks are whole sentences, as many as fit in `splitLength` words (tokens); a longer
   * sentence is a chunk of its own. The overlap is then whole sentences too, the last ones until they exceed
   * `splitOverlap` words (Haystack's rule). Default false.
   */
  respectSentenceBoundary?: boolean;
  /** The language of sentences: `en` (default), `it`, or any BCP 47 tag. */
  language?: string;
  /**
   * Leave documents with empty content out. With false they pass through unchanged, for components further on that
   * get text from elsewhere (Haystack's option). Default true.
   */
  skipEmptyDocuments?: boolean;
  /**
   * Counts tokens for `splitBy: "token"`: your model's tokenizer for exact counts; `estimateTokens` by default. A
   * splitter with a custom counter cannot be saved to a pipeline file (a function is code, not configuration).
   */
  tokenCounter?: TokenCounter;
}

function checked(params: DocumentSplitterParams): SplitOptions & { skipEmptyDocuments: boolean } {
  const options = {
    splitBy: params.splitBy ?? "word",
    splitLength: params.splitLength ?? 200,
    splitOverlap: params.splitOverlap ?? 0,
    splitThreshold: params.splitThreshold ?? 0,
    respectSentenceBoundary: params.respectSentenceBoundary ?? false,
    language: params.language ?? "en",
    skipEmptyDocuments: params.skipEmptyDocuments ?? true,
    tokenCounter: params.tokenCounter,
  };
  const problem = (text: string) => new PipelineDefinitionError(`DocumentSplitter: ${text}`);
  if (!splitByValues.includes(options.splitBy))
    throw problem(`splitBy '${options.splitBy}' is not one of ${splitByValues.join(", ")}.`);
  if (!Number.isInteger(options.splitLength) || options.splitLength <= 0)
    throw problem(`splitLength must be a whole number above 0, not ${options.splitLength}.`);
  if (!Number.isInteger(options.splitOverlap) || options.splitOverlap < 0)
    throw problem(`splitOverlap must be a whole number of 0 or more, not ${options.splitOverlap}.`);
  if (options.splitOverlap >= options.splitLength)
    throw problem(`splitOverlap (${options.splitOverlap}) must be smaller than splitLength (${options.splitLength}).`);
  if (options.respectSentenceBoundary && options.splitBy !== "word" && options.splitBy !== "token")
    throw problem(`respectSentenceBoundary works with splitBy 'word' or 'token', not '${options.splitBy}'.`);
  if (options.tokenCounter && options.splitBy !== "token")
    throw problem(`a tokenCounter is used with splitBy 'token' only, not '${options.splitBy}'.`);
  try {
    new Intl.Segmenter(options.language);
  } catch {
    throw problem(`language '${options.language}' is not a valid language tag: use 'en', 'it', 'de', …`);
  }
  return options;
}

/**
 * Splits documents into chunks by words, sentences, passages, pages, lines, periods or tokens, with overlap,
 * optionally keeping sentences whole. Every chunk is an exact slice of its source and says where it comes from:
 * `source_id`, `split_id`, `split_idx_start`, `source_offsets` (`{ start, end }`), `page_number`, and `_split_overlap`
 * when chunks overlap (see `splitDocument`). Haystack's `DocumentSplitter`, with `token` added.
 */
export const DocumentSplitter = defineComponent({
  type: "trama.DocumentSplitter",
  state: (params: DocumentSplitterParams) => ({ options: checked(params) }),
  inputs: { documents: t.list(documentType) },
  outputs: { documents: t.list(documentType) },
  run: ({ documents }, { state }, context) => {
    const chunks: Document[] = [];
    for (const document of documents) {
      if (document.content === undefined) {
        throw new PipelineRuntimeError(
          `'${context.component}' can only split text, but document ${document.id} has no content. Filter such documents out before splitting.`,
        );
      }
      if (document.content === "") {
        if (!state.options.skipEmptyDocuments) chunks.push(document);
        continue;
      }
      chunks.push(...splitDocument(document, state.options));
    }
    return { documents: chunks };
  },
  toConfig: (params) => {
    if (params.tokenCounter) {
      throw new SerializationError(
        "A DocumentSplitter with a custom tokenCounter cannot be saved: a function is code, not configuration. Save the pipeline without it, and give the splitter its counter again after loading.",
      );
    }
    return { ...params };
  },
});
