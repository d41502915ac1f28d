/**
 * Search over indexed transcripts: keyword search (Italian-aware, with glossary synonyms) through the store's BM25,
 * semantic search through an embedder and the store's vector search, or both joined (hybrid), as small pipelines of
 * framework components. Each hit carries its episode, speaker, chapter and time, a highlighted snippet, and links to
 * the post's chapter and to the video at that second.
 * @module
 */
import { type AnyComponent, type Document, Pipeline } from "@trama/core";
import { TextEmbedder } from "@trama/models";
import { BM25Retriever, type DocumentStore, EmbeddingRetriever, type Filter, HybridRetriever } from "@trama/retrieval";
import type { GlossaryEntry } from "../fusion/glossary.js";
import { formatClock } from "../parsers/clock.js";
import { titleBesideNumber } from "./episode-info.js";
import { highlight, type Snippet } from "./highlight.js";
import { postUrl, type SiteLinks, videoUrl } from "./post-links.js";
import { expandQuery, type InflectionMode } from "./query-terms.js";
import { ExpandQuery } from "./search-components.js";
import { TranscriptSearchError } from "./search-error.js";

/** `keyword` (BM25), `semantic` (embeddings) or `hybrid` (both, joined by reciprocal rank fusion). */
export type SearchMode = "keyword" | "semantic" | "hybrid";

/** How a `TranscriptSearch` is set up. */
export interface TranscriptSearchOptions {
  /** Where the posts were imported (`importPosts`). */
  store: DocumentStore;
  /** The show's glossary (`parseGlossary`): a query for a term also finds what speech recognition wrote for it. */
  glossary?: GlossaryEntry[];
  /** The embedding model the posts were imported with (any `@trama/models` shorthand): enables semantic and hybrid search. */
  embedder?: string;
  /** Where links point: the show's site and its permalink style. */
  site?: SiteLinks;
  /** Default: `expand` for SQLite stores (FTS5 does not stem), `none` for the others (their Italian analyzers stem). */
  inflections?: InflectionMode;
}

/** One search result. */
export interface SearchHit {
  id: string;
  score: number;
  /** The post's slug and title (without a trailing `#42` that repeats `episode`). */
  post: string;
  title: string;
  episode?: number;
  date?: string;
  speaker: string;
  chapter: string;
  /** Seconds from the start of the episode, when the post gives a time for the turn or its chapter. */
  start?: number;
  /** `start` as `MM:SS` or `H:MM:SS`. */
  time?: string;
  snippet: Snippet;
  /** The post at the chapter's heading. */
  postUrl: string;
  /** The video at `start` (at its beginning when the post gives no time), when the post names its video. */
  videoUrl?: string;
  /** The whole turn or passage. */
  content: string;
}

/** Options of one search. */
export interface SearchOptions {
  /** At most this many hits. Default 10. */
  limit?: number;
  /** Default `hybrid` with an embedder, else `keyword`. */
  mode?: SearchMode;
  /** Further metadata filters (`{ field: "meta.episode", operator: "==", value: 42 }`). */
  filters?: Filter;
  signal?: AbortSignal;
}

const onlyTranscripts: Filter = { field: "meta.source", operator: "==", value: "transcripts" };

/** Searches the transcripts in a store; build once, search many times (pipelines are built on first use per mode). */
export class TranscriptSearch {
  readonly options: TranscriptSearchOptions;
  readonly #pipelines = new Map<SearchMode, Pipeline<Record<string, AnyComponent>>>();

  constructor(options: TranscriptSearchOptions) {
    this.options = options;
  }

  /** The hits for `query`, best first. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const mode = options.mode ?? (this.options.embedder ? "hybrid" : "keyword");
    if (mode !== "keyword" && !this.options.embedder) {
      throw new TranscriptSearchError(
        `${mode} search needs an embedder: give the embedding model the posts were imported with (--embedder, such as ollama:nomic-embed-text).`,
      );
    }
    const { terms } = expandQuery(query, this.#expandParams());
    if (terms.length === 0 && mode === "keyword") return [];
    const filters: Filter = options.filters
      ? { operator: "AND", conditions: [onlyTranscripts, options.filters] }
      : onlyTranscripts;
    const topK = options.limit ?? 10;
    const retrieverInputs = { filters: filters as unknown as Record<string, unknown>, topK };
    const inputs: Record<string, Record<string, unknown>> = {
      retriever: retrieverInputs,
      ...(mode !== "semantic" ? { expand: { query } } : {}),
      ...(mode !== "keyword" ? { embed: { text: query } } : {}),
    };
    const result = (await this.#pipeline(mode).run(inputs, {
      ...(options.signal ? { signal: options.signal } : {}),
    })) as { retriever?: { documents?: Document[] } };
    return (result.retriever?.documents ?? []).map((document) => this.hitFor(document, terms));
  }

  /** A search hit from a stored document and the query's analyzed terms. */
  hitFor(document: Document, terms: readonly string[]): SearchHit {
    const meta = document.meta as Record<string, unknown>;
    const start = typeof meta.start === "number" ? meta.start : undefined;
    const slug = String(meta.post ?? "");
    const youtubeId = typeof meta.youtube_id === "string" ? meta.youtube_id : undefined;
    const content = document.content ?? "";
    return {
      id: document.id,
      score: document.score ?? 0,
      post: slug,
      title: titleBesideNumber(String(meta.title ?? slug), typeof meta.episode === "number" ? meta.episode : undefined),
      ...(typeof meta.episode === "number" ? { episode: meta.episode } : {}),
      ...(typeof meta.date === "string" ? { date: meta.date } : {}),
      speaker: String(meta.speaker ?? ""),
      chapter: String(meta.chapter ?? ""),
      ...(start === undefined ? {} : { start, time: formatClock(start) }),
      snippet: highlight(content, terms),
      postUrl: postUrl(
        {
          slug,
          ...(typeof meta.date === "string" ? { date: meta.date } : {}),
          categories: Array.isArray(meta.categories) ? meta.categories.map(String) : [],
        },
        this.options.site,
        typeof meta.anchor === "string" ? meta.anchor : undefined,
      ),
      ...(youtubeId ? { videoUrl: videoUrl(youtubeId, start) } : {}),
      content,
    };
  }

  #expandParams() {
    const inflections = this.options.inflections ?? (this.options.store.kind === "sqlite" ? "expand" : "none");
    return { ...(this.options.glossary ? { glossary: this.options.glossary } : {}), inflections };
  }

  #pipeline(mode: SearchMode): Pipeline<Record<string, AnyComponent>> {
    const known = this.#pipelines.get(mode);
    if (known) return known;
    const { store, embedder } = this.options;
    const pipeline = new Pipeline<Record<string, AnyComponent>>();
    if (mode === "keyword") {
      pipeline
        .add("expand", ExpandQuery(this.#expandParams()))
        .add("retriever", BM25Retriever({ store }))
        .connect("expand.query", "retriever.query");
    } else if (mode === "semantic") {
      pipeline
        .add("embed", new TextEmbedder({ model: embedder! }))
        .add("retriever", EmbeddingRetriever({ store }))
        .connect("embed.embedding", "retriever.queryEmbedding");
    } else {
      pipeline
        .add("expand", ExpandQuery(this.#expandParams()))
        .add("embed", new TextEmbedder({ model: embedder! }))
        .add("retriever", HybridRetriever({ store }))
        .connect("expand.query", "retriever.query")
        .connect("embed.embedding", "retriever.queryEmbedding");
    }
    this.#pipelines.set(mode, pipeline);
    return pipeline;
  }
}
