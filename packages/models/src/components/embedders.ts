import { type Component, Document, documentType, Lazy, type RunContext, t } from "@trama/core";
import type { EmbeddingModelV1 } from "@trama/provider";
import { type EmbedProgress, embedMany } from "../generation/embed.js";
import { resolveEmbeddingModel } from "../providers/registry.js";
import { type CallSettings, callOptions, savedModel } from "./generation-settings.js";

export interface EmbedderParams extends CallSettings {
  /** A model or its shorthand: `ollama:nomic-embed-text`, `openai:text-embedding-3-small`, `gguf:…`, `onnx:./models/…`. */
  model: string | EmbeddingModelV1;
  modelOptions?: Record<string, unknown>;
  /** Text put before and after what is embedded (some models want `query: ` or `passage: `). */
  prefix?: string;
  suffix?: string;
}

abstract class BaseEmbedder {
  readonly params: EmbedderParams;
  readonly #model = new Lazy(() => resolveEmbeddingModel(this.params.model, this.params.modelOptions));

  constructor(params: EmbedderParams) {
    this.params = params;
  }

  model(): Promise<EmbeddingModelV1> {
    return this.#model.get();
  }

  async warmUp(): Promise<void> {
    await this.model();
  }

  protected async embed(
    texts: string[],
    signal: AbortSignal,
    options: { batchSize?: number; onProgress?: (progress: EmbedProgress) => void } = {},
  ) {
    const { prefix = "", suffix = "" } = this.params;
    const model = await this.model();
    const result = await embedMany(
      model,
      texts.map((text) => `${prefix}${text}${suffix}`),
      { ...callOptions(this.params, signal), ...options },
    );
    return { ...result, meta: { provider: model.provider, model: model.modelId, usage: result.usage } };
  }

  toConfig(): Record<string, unknown> {
    // A progress callback is code, not configuration: it is left out of saved pipelines.
    const { model, modelOptions, onProgress: _onProgress, ...rest } = this.params as DocumentEmbedderParams;
    return { ...rest, ...savedModel(model, modelOptions) };
  }
}

/** Embeds one text, such as a query. */
export class TextEmbedder extends BaseEmbedder implements Component {
  static readonly type = "trama.TextEmbedder";
  readonly type = TextEmbedder.type;
  readonly inputs = { text: t.string };
  readonly outputs = { embedding: t.list(t.number), meta: t.record(t.any) };

  async run(inputs: { text: string }, context: RunContext) {
    const { embeddings, meta } = await this.embed([inputs.text], context.signal);
    return { embedding: embeddings[0]!, meta };
  }
}

export interface DocumentEmbedderParams extends EmbedderParams {
  /** Texts per call; the model's maximum by default. */
  batchSize?: number;
  /** Metadata fields embedded with the content, e.g. a title. */
  metaFields?: string[];
  /** Joins metadata fields and content. Default "\n". */
  separator?: string;
  /** Called after each batch. */
  onProgress?: (progress: EmbedProgress) => void;
}

/**
 * Embeds documents in batches, returning copies with their embeddings. Reports progress to `onProgress` and, when
 * the pipeline is streamed, as `progress` chunks.
 */
export class DocumentEmbedder extends BaseEmbedder implements Component {
  static readonly type = "trama.DocumentEmbedder";
  readonly type = DocumentEmbedder.type;
  readonly inputs = { documents: t.list(documentType) };
  readonly outputs = { documents: t.list(documentType), meta: t.record(t.any) };
  declare readonly params: DocumentEmbedderParams;

  constructor(params: DocumentEmbedderParams) {
    super(params);
  }

  async run(inputs: { documents: Document[] }, context: RunContext) {
    const { metaFields = [], separator = "\n", batchSize, onProgress } = this.params;
    const texts = inputs.documents.map((document) =>
      [
        ...metaFields
          .map((field) => document.meta[field])
          .filter((value) => value !== undefined && value !== null)
          .map(String),
        document.content ?? "",
      ].join(separator),
    );
    const { embeddings, meta } = await this.embed(texts, context.signal, {
      batchSize,
      onProgress: (progress) => {
        onProgress?.(progress);
        if (context.streaming) context.emit({ type: "progress", ...progress });
      },
    });
    const documents = inputs.documents.map(
      (document, index) => new Document({ ...document.toJSON(), embedding: embeddings[index] }),
    );
    return { documents, meta };
  }
}
