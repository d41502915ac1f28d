import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddingModelFrom } from "@trama/provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LlamaCppEmbeddingModel, llamaCpp, providers } from "./index.js";
import { acquireModel, llamaRuntime } from "./llama-runtime.js";
import { tinyModelShape, writeTinyGguf } from "./testing/index.js";

let folder: string;
let path: string;
let model: LlamaCppEmbeddingModel;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "trama-llama-embed-"));
  path = (await writeTinyGguf({ path: join(folder, "tiny.gguf"), tensorType: "f16" })).path;
  model = llamaCpp.embedding(path, { threads: 1, contextSize: 512 });
  await model.load();
});

afterAll(async () => {
  await model?.dispose();
  await rm(folder, { recursive: true, force: true });
});

describe("LlamaCppEmbeddingModel", () => {
  it("embeds each text as a vector of the model's embedding length, with token usage", async () => {
    const { embeddings, usage } = await model.doEmbed({ values: ["hello world", "the name is", "🙂 bytes"] });
    expect(embeddings).toHaveLength(3);
    for (const vector of embeddings) {
      expect(vector).toHaveLength(tinyModelShape.embeddingLength);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
    expect(embeddings[0]).not.toEqual(embeddings[1]);
    expect(usage.inputTokens).toBeGreaterThan(6);
    expect(model.maxBatchSize).toBe(64);
    expect(model.provider).toBe("llama.cpp");
    expect(model.endpoint).toBe(path);
  });

  it("gives the same vectors every time, from every model object", async () => {
    const first = await model.doEmbed({ values: ["hello world"] });
    const second = await model.doEmbed({ values: ["hello world"] });
    const other = embeddingModelFrom(providers, `gguf:${path}`, {
      threads: 1,
      contextSize: 512,
    }) as LlamaCppEmbeddingModel;
    const third = await other.doEmbed({ values: ["hello world"] });
    await other.dispose();
    expect(second.embeddings).toEqual(first.embeddings);
    expect(third.embeddings).toEqual(first.embeddings);
  });

  it("runs concurrent calls one after another", async () => {
    const results = await Promise.all(["a", "b", "a"].map((text) => model.doEmbed({ values: [text] })));
    expect(results[2]!.embeddings).toEqual(results[0]!.embeddings);
  });

  it("stops at an aborted signal", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(model.doEmbed({ values: ["hello"], signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("fails with a ProviderError for a text longer than the context", async () => {
    await expect(model.doEmbed({ values: ["x".repeat(600)] })).rejects.toThrow(
      /^llama\.cpp \(.*\): cannot embed a text of 60\d tokens: .*Split long texts, or raise contextSize\.$/s,
    );
  });

  it("shares one loaded model between model objects of the same file, until the last releases it", async () => {
    const llama = await llamaRuntime(false, path);
    const first = await acquireModel(llama, false, path, path);
    const second = await acquireModel(llama, false, join(folder, ".", "tiny.gguf"), path);
    expect(second.model).toBe(first.model);
    await first.release();
    expect(second.model.disposed).toBe(false);
    await second.release();

    const solo = await writeTinyGguf({ path: join(folder, "solo.gguf") });
    const only = await acquireModel(llama, false, solo.path, solo.path);
    await only.release();
    expect(only.model.disposed).toBe(true);
  });
});
