import { Secret } from "@trama/core";
import { ProviderError } from "@trama/provider";
import {
  embeddingModelFrom,
  type Handler,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture } from "./__fixtures__/fixtures.js";
import { GeminiEmbeddingModel, type GeminiEmbeddingOptions } from "./gemini-embedding-model.js";
import { providers } from "./index.js";

const EMBED = "POST /models/gemini-embedding-001:batchEmbedContents";

let server: LoopbackServer;
afterEach(() => server?.close());

/** Answers batchEmbedContents with the recorded embeddings. */
const answerEmbeddings: Handler = (_, response) => sendJson(response, 200, jsonFixture("embeddings.json"));

function embeddingModel(options: GeminiEmbeddingOptions = {}) {
  return new GeminiEmbeddingModel("gemini-embedding-001", {
    baseURL: server.url,
    apiKey: Secret.fromToken("test-key"),
    ...options,
  });
}

describe("GeminiEmbeddingModel", () => {
  it("embeds a batch with batchEmbedContents", async () => {
    server = await startLoopbackServer({ [EMBED]: answerEmbeddings });
    const model = embeddingModel({ taskType: "RETRIEVAL_DOCUMENT", outputDimensionality: 4 });
    expect(model.maxBatchSize).toBe(100);
    const result = await model.doEmbed({ values: ["first text", "second text"] });
    expect(result.embeddings).toEqual([
      [0.0123, -0.0456, 0.0789, -0.0012],
      [-0.0345, 0.0678, 0.0021, 0.0543],
    ]);
    const [request] = server.requests;
    expect(request!.body).toEqual({
      requests: [
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "first text" }] },
          taskType: "RETRIEVAL_DOCUMENT",
          outputDimensionality: 4,
        },
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "second text" }] },
          taskType: "RETRIEVAL_DOCUMENT",
          outputDimensionality: 4,
        },
      ],
    });
    expect(request!.headers["x-goog-api-key"]).toBe("test-key");
  });

  it("resolves the gemini: shorthand for embeddings", async () => {
    server = await startLoopbackServer({ [EMBED]: answerEmbeddings });
    const model = embeddingModelFrom(providers, "gemini:gemini-embedding-001", {
      baseURL: server.url,
      apiKey: Secret.fromToken("k"),
    });
    expect(model).toBeInstanceOf(GeminiEmbeddingModel);
    const result = await model.doEmbed({ values: ["a", "b"] });
    expect(result.embeddings).toHaveLength(2);
  });

  it("refuses more than 100 texts and sends nothing for none", async () => {
    server = await startLoopbackServer({ [EMBED]: answerEmbeddings });
    const model = embeddingModel();
    await expect(model.doEmbed({ values: [] })).resolves.toEqual({ embeddings: [] });
    const error = await model
      .doEmbed({ values: Array.from({ length: 101 }, (_, index) => `text ${index}`) })
      .catch((caught) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe("gemini (gemini-embedding-001): takes at most 100 texts per call, not 101.");
    expect(server.requests).toHaveLength(0);
  });

  it("reports a count mismatch and rate limits with the wait from RetryInfo", async () => {
    server = await startLoopbackServer({
      [EMBED]: [answerEmbeddings, (_, response) => sendJson(response, 429, jsonFixture("error-429.json"))],
    });
    const model = embeddingModel();
    const mismatch = await model.doEmbed({ values: ["only one"] }).catch((caught) => caught);
    expect(mismatch.message).toBe("gemini (gemini-embedding-001): returned 2 embeddings for 1 texts.");
    const limited = await model.doEmbed({ values: ["a"] }).catch((caught) => caught);
    expect(ProviderError.isInstance(limited)).toBe(true);
    expect(limited.statusCode).toBe(429);
    expect(limited.retryAfterMs).toBe(1000);
    expect(limited.isRetryable).toBe(true);
  });
});
