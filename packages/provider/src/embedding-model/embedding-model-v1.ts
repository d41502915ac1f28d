/**
 * The embedding model contract (version 1). Like chat models, providers do not retry or limit concurrency themselves.
 */
export interface EmbeddingModelV1 {
  readonly specificationVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  readonly endpoint: string;
  /** How many values one call may carry; callers batch accordingly. */
  readonly maxBatchSize: number;
  doEmbed(request: { values: readonly string[]; signal?: AbortSignal }): Promise<{
    embeddings: number[][];
    usage?: { inputTokens?: number };
  }>;
  toConfig?(): Record<string, unknown>;
}
