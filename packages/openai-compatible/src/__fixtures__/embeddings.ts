/**
 * `POST /v1/embeddings` bodies shaped as in OpenAI's API reference.
 * @module
 */

/** Three embeddings listed out of order: each carries the `index` of its input. */
export const outOfOrderEmbeddings = {
  object: "list",
  data: [
    { object: "embedding", index: 2, embedding: [0.3, 0.31, 0.32] },
    { object: "embedding", index: 0, embedding: [0.1, 0.11, 0.12] },
    { object: "embedding", index: 1, embedding: [0.2, 0.21, 0.22] },
  ],
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 12, total_tokens: 12 },
};
