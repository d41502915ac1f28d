import type { EmbeddingModelV1 } from "@trama/provider";
import { acquireEndpoint, ProviderError, withRetries } from "@trama/provider";
import { attemptSignal, type CallOptions } from "./call-options.js";

/** Progress of a batched embedding job. */
export interface EmbedProgress {
  done: number;
  total: number;
}

/**
 * Embeds any number of texts in batches of the model's size (or `batchSize`), in order, each batch with retries,
 * a time limit and the endpoint's concurrency limit; reports progress after each batch.
 */
export async function embedMany(
  model: EmbeddingModelV1,
  values: readonly string[],
  options: CallOptions & { batchSize?: number; onProgress?: (progress: EmbedProgress) => void } = {},
): Promise<{ embeddings: number[][]; usage: { inputTokens?: number } }> {
  const batchSize = Math.max(1, Math.min(options.batchSize ?? model.maxBatchSize, model.maxBatchSize));
  const embeddings: number[][] = [];
  let inputTokens: number | undefined;
  for (let start = 0; start < values.length; start += batchSize) {
    const batch = values.slice(start, start + batchSize);
    const release = await acquireEndpoint(model.endpoint, options.maxConcurrency, options.signal);
    try {
      const result = await withRetries(async () => {
        const attempt = attemptSignal(options, model);
        try {
          return await model.doEmbed({ values: batch, signal: attempt.signal });
        } catch (error) {
          throw attempt.timedOut() ?? error;
        } finally {
          attempt.dispose();
        }
      }, options);
      if (result.embeddings.length !== batch.length) {
        throw new ProviderError({
          provider: model.provider,
          modelId: model.modelId,
          message: `returned ${result.embeddings.length} embeddings for ${batch.length} texts`,
          hint: "The provider's reply does not match the request; report it to the provider or try another model.",
        });
      }
      embeddings.push(...result.embeddings);
      if (result.usage?.inputTokens !== undefined) inputTokens = (inputTokens ?? 0) + result.usage.inputTokens;
    } finally {
      release();
    }
    options.onProgress?.({ done: embeddings.length, total: values.length });
  }
  return { embeddings, usage: inputTokens === undefined ? {} : { inputTokens } };
}
