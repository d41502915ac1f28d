import { Secret } from "@trama/core";
import {
  embeddingModelFrom,
  type LoopbackServer,
  providerFailure,
  sendJson,
  startLoopbackServer,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it } from "vitest";
import { outOfOrderEmbeddings } from "./__fixtures__/embeddings.js";
import { deepseek, ollamaOpenAI, openai, providers } from "./index.js";

let server: LoopbackServer;
afterEach(() => server?.close());

const key = Secret.fromToken("sk-test");
const texts = ["first", "second", "third"];

describe("OpenAICompatibleEmbeddingModel", () => {
  it("returns embeddings in input order whatever order the server lists them in, with usage", async () => {
    server = await startLoopbackServer({
      "POST /embeddings": (_, response) => sendJson(response, 200, outOfOrderEmbeddings),
    });
    const model = openai.embedding("text-embedding-3-small", { baseURL: server.url, apiKey: key, dimensions: 3 });
    const result = await model.doEmbed({ values: texts });

    expect(result.embeddings).toEqual([
      [0.1, 0.11, 0.12],
      [0.2, 0.21, 0.22],
      [0.3, 0.31, 0.32],
    ]);
    expect(result.usage).toEqual({ inputTokens: 12 });
    expect(server.requests[0]!.body).toEqual({
      model: "text-embedding-3-small",
      input: texts,
      encoding_format: "float",
      dimensions: 3,
    });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-test");
  });

  it("decodes base64 vectors", async () => {
    const vector = Buffer.from(new Float32Array([0.5, -1, 2]).buffer).toString("base64");
    server = await startLoopbackServer({
      "POST /embeddings": (_, response) =>
        sendJson(response, 200, { object: "list", data: [{ index: 0, embedding: vector }] }),
    });
    const result = await openai
      .embedding("text-embedding-3-small", { baseURL: server.url, apiKey: key })
      .doEmbed({ values: ["x"] });

    expect(result.embeddings).toEqual([[0.5, -1, 2]]);
    expect(result).not.toHaveProperty("usage");
  });

  it("fails when the server returns fewer embeddings than inputs", async () => {
    const short = { ...outOfOrderEmbeddings, data: outOfOrderEmbeddings.data.slice(0, 2) };
    server = await startLoopbackServer({ "POST /embeddings": (_, response) => sendJson(response, 200, short) });
    const error = await providerFailure(
      openai.embedding("text-embedding-3-small", { baseURL: server.url, apiKey: key }).doEmbed({ values: texts }),
    );

    expect(error.message).toMatch(
      /^openai \(text-embedding-3-small\): returned 2 embeddings for 3 inputs: \{"object":"list"/,
    );
  });

  it("sizes batches per preset and resolves embedding shorthands", async () => {
    server = await startLoopbackServer({
      "POST /embeddings": (_, response) => sendJson(response, 200, outOfOrderEmbeddings),
    });
    const local = embeddingModelFrom(providers, "ollama-openai:nomic-embed-text", { baseURL: server.url });
    const generic = embeddingModelFrom(providers, `openai-compatible:${server.url}/v1#bge-m3`, { maxBatchSize: 8 });

    expect(openai.embedding("text-embedding-3-small", { apiKey: key }).maxBatchSize).toBe(2048);
    expect(ollamaOpenAI.embedding("nomic-embed-text").maxBatchSize).toBe(32);
    expect(local.provider).toBe("ollama");
    expect((await local.doEmbed({ values: texts })).embeddings).toHaveLength(3);
    expect(generic.maxBatchSize).toBe(8);
    expect(generic.endpoint).toBe(`${server.url}/v1`);
    expect(() => deepseek.embedding("deepseek-chat")).toThrow(
      "deepseek has no embeddings endpoint: choose another provider for embeddings.",
    );
    expect(providers.groq?.embedding).toBeUndefined();
  });
});
