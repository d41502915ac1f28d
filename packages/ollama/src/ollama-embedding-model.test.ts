import { ProviderError } from "@trama/provider";
import { embeddingModelFrom, type LoopbackServer, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { jsonFixture } from "./__fixtures__/load-fixture.js";
import { ollama, providers } from "./index.js";
import { OllamaEmbeddingModel } from "./ollama-embedding-model.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("OllamaEmbeddingModel", () => {
  it("embeds a batch with /api/embed and reports prompt_eval_count as input tokens", async () => {
    server = await startLoopbackServer({
      "POST /api/embed": (_request, response) => sendJson(response, 200, jsonFixture("embed.json")),
    });
    const model = new OllamaEmbeddingModel("nomic-embed-text", {
      baseURL: server.url,
      truncate: false,
      dimensions: 4,
      keepAlive: "1m",
      options: { num_ctx: 2048 },
    });
    const result = await model.doEmbed({ values: ["why is the sky blue?", "why is the grass green?"] });
    expect(server.requests[0]!.body).toEqual({
      model: "nomic-embed-text",
      input: ["why is the sky blue?", "why is the grass green?"],
      truncate: false,
      dimensions: 4,
      keep_alive: "1m",
      options: { num_ctx: 2048 },
    });
    expect(result.embeddings).toEqual(jsonFixture("embed.json").embeddings);
    expect(result.usage).toEqual({ inputTokens: 8 });
    expect(model.maxBatchSize).toBe(64);
    expect(model.endpoint).toBe(server.url);
  });

  it("fails when the count of vectors does not match the texts", async () => {
    server = await startLoopbackServer({
      "POST /api/embed": (_request, response) => sendJson(response, 200, jsonFixture("embed.json")),
    });
    const error = await new OllamaEmbeddingModel("nomic-embed-text", { baseURL: server.url })
      .doEmbed({ values: ["one", "two", "three"] })
      .catch((error: unknown) => error);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe("ollama (nomic-embed-text): returned 2 embeddings for 3 texts.");
  });

  it("says to pull a missing model", async () => {
    server = await startLoopbackServer({
      "POST /api/embed": (_request, response) =>
        sendJson(response, 404, { error: "model 'nomic-embed-text' not found, try pulling it first" }),
    });
    const error = await new OllamaEmbeddingModel("nomic-embed-text", { baseURL: server.url })
      .doEmbed({ values: ["one"] })
      .catch((error: unknown) => error);
    expect((error as Error).message).toContain("Run `ollama pull nomic-embed-text`");
  });

  it("resolves from the shorthand and from ollama.embedding", async () => {
    server = await startLoopbackServer({
      "POST /api/embed": (_request, response) => sendJson(response, 200, jsonFixture("embed.json")),
    });
    const model = embeddingModelFrom(providers, "ollama:nomic-embed-text:v1.5", { baseURL: server.url });
    expect(model).toBeInstanceOf(OllamaEmbeddingModel);
    expect(model.modelId).toBe("nomic-embed-text:v1.5");
    expect(model.toConfig?.()).toEqual({ model: "ollama:nomic-embed-text:v1.5", baseURL: server.url });
    expect(ollama.embedding("all-minilm", { maxBatchSize: 8 }).maxBatchSize).toBe(8);
    expect(ollama("qwen2.5:7b").provider).toBe("ollama");
  });
});
