/**
 * The search's pipeline components: posts become documents (`PostToDocuments`), and queries become the words a
 * keyword search needs (`ExpandQuery`).
 * @module
 */
import { defineComponent, documentType, t } from "@trama/core";
import type { GlossaryEntry } from "../fusion/glossary.js";
import { type PostDocumentOptions, postDocuments } from "./post-documents.js";
import { expandQuery, type InflectionMode } from "./query-terms.js";

/**
 * Reads a published post into one document per speaker turn (long turns in passages), with the episode, speaker,
 * chapter, anchor and time in their metadata: `postDocuments` as a component, to feed a `DocumentEmbedder` or a
 * `DocumentWriter`.
 */
export const PostToDocuments = defineComponent({
  type: "transcripts.PostToDocuments",
  inputs: { text: t.string, file: t.string },
  outputs: { documents: t.list(documentType), postHash: t.string },
  run: ({ text, file }, { params }: { params: PostDocumentOptions }) => {
    const { documents, postHash } = postDocuments({ text, file, ...params });
    return { documents, postHash };
  },
});

/** What `ExpandQuery` is built with. */
export interface ExpandQueryParams {
  /** The show's glossary: queries for a term also find what speech recognition wrote for it, and the other way round. */
  glossary?: GlossaryEntry[];
  /** `expand` adds Italian inflections to each word, for stores that do not stem (SQLite); `none` leaves it to the store. Default `expand`. */
  inflections?: InflectionMode;
}

/**
 * Turns a user's query into the words a keyword search should look for: glossary synonyms added, Italian stopwords
 * dropped, and inflections added for stores that do not stem. Feeds a `BM25Retriever`'s `query`.
 */
export const ExpandQuery = defineComponent({
  type: "transcripts.ExpandQuery",
  inputs: { query: t.string },
  outputs: { query: t.string, terms: t.list(t.string) },
  run: ({ query }, { params }: { params: ExpandQueryParams }) => {
    const expanded = expandQuery(query, params);
    return { query: expanded.words.join(" "), terms: expanded.terms };
  },
});
