import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { env } from "@huggingface/transformers";
import { ProviderError } from "@trama/provider";
import { embeddingModelFrom } from "@trama/provider/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { providers } from "./index.js";
import { type TinyOnnxModel, writeTinyOnnxModel } from "./testing/index.js";
import { TransformersEmbeddingModel } from "./transformers-embedding-model.js";

let tiny: TinyOnnxModel;
let model: TransformersEmbeddingModel;
const networkCalls: string[] = [];
const transformersFetch = env.fetch;

beforeAll(async () => {
  // Any attempt to reach the network, by transformers.js or anything else, is recorded and fails.
  env.fetch = async (input: string | URL) => {
    networkCalls.push(String(input));
    throw new Error("the network is off in these tests");
  };
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    networkCalls.push(String(input));
    throw new Error("the network is off in these tests");
  });
  tiny = await writeTinyOnnxModel();
  model = new TransformersEmbeddingModel(tiny.folder);
  await model.load();
});

afterAll(async () => {
  await model?.dispose();
  await tiny?.remove();
  env.fetch = transformersFetch;
  vi.restoreAllMocks();
  expect(networkCalls).toEqual([]);
});

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

function expectClose(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  for (const [index, value] of actual.entries()) expect(value).toBeCloseTo(expected[index]!, 6);
}

async function embed(values: string[], embedder = model) {
  return (await embedder.doEmbed({ values })).embeddings;
}

describe("TransformersEmbeddingModel", () => {
  it("gives one vector of the model's hidden size per text", async () => {
    const embeddings = await embed(["The sky is blue.", "Grass is green."]);
    expect(embeddings).toHaveLength(2);
    for (const vector of embeddings) {
      expect(vector).toHaveLength(tiny.hiddenSize);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
    expect(model.endpoint).toBe(tiny.folder);
    expect(model.maxBatchSize).toBe(32);
    // Loading offline switched transformers.js's global setting only for the load.
    expect(env.allowRemoteModels).toBe(true);
  });

  it("gives identical texts identical vectors and different texts different ones", async () => {
    const [first, same, other] = await embed(["The sky is blue.", "The sky is blue.", "A cat sat on the mat."]);
    expect(same).toEqual(first);
    expect(other).not.toEqual(first);
    // Alone, the text is not padded: the same to the last bit run after run, and equal to the padded one up to rounding.
    const [alone] = await embed(["The sky is blue."]);
    expect((await embed(["The sky is blue."]))[0]).toEqual(alone);
    expectClose(alone!, first!);
  });

  it("normalizes to unit length by default, and not when asked not to", async () => {
    const raw = new TransformersEmbeddingModel(tiny.folder, { normalize: false });
    const [normalized] = await embed(["The sky is blue."]);
    const [unnormalized] = await embed(["The sky is blue."], raw);
    expect(norm(normalized!)).toBeCloseTo(1, 6);
    expect(norm(unnormalized!)).not.toBeCloseTo(1, 2);
    expectClose(
      normalized!,
      unnormalized!.map((value) => value / norm(unnormalized!)),
    );
    await raw.dispose();
  });

  it("mean pooling ignores padding: a padded batch gives the same vector as the text alone", async () => {
    const short = "hello world";
    const long = "a much longer sentence with many more words, which makes the short one padded";
    const [padded] = await embed([short, long]);
    const [alone] = await embed([short]);
    expectClose(padded!, alone!);
  });

  it("cls pooling takes the [CLS] vector, which still depends on the text and not on padding", async () => {
    const cls = new TransformersEmbeddingModel(tiny.folder, { pooling: "cls" });
    const [mean] = await embed(["hello world"]);
    const [first, second] = await embed(["hello world", "the grass is green in the morning light"], cls);
    const [alone] = await embed(["hello world"], cls);
    expect(first).not.toEqual(mean);
    expect(first).not.toEqual(second);
    expectClose(first!, alone!);
    await cls.dispose();
  });

  it("splits long lists into batches and keeps their order", async () => {
    const texts = ["one fish", "two fish", "red fish", "blue fish", "the end"];
    const batched = new TransformersEmbeddingModel(tiny.folder, { maxBatchSize: 2 });
    const together = await embed(texts, batched);
    const oneByOne = await Promise.all(texts.map(async (text) => (await embed([text]))[0]!));
    expect(together).toHaveLength(texts.length);
    for (const [index, vector] of together.entries()) expectClose(vector, oneByOne[index]!);
    await batched.dispose();
  });

  it("loads once for concurrent first calls", async () => {
    const fresh = new TransformersEmbeddingModel(tiny.folder);
    const [a, b] = await Promise.all([embed(["same text"], fresh), embed(["same text"], fresh)]);
    expect(a).toEqual(b);
    await fresh.dispose();
  });

  it("stops before work when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(model.doEmbed({ values: ["x"], signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("resolves the onnx: shorthand", async () => {
    const resolved = embeddingModelFrom(providers, `onnx:${tiny.folder}`, { normalize: false });
    expect(resolved).toBeInstanceOf(TransformersEmbeddingModel);
    expect(resolved.toConfig?.()).toEqual({ model: `onnx:${tiny.folder}`, normalize: false });
    const [vector] = (await resolved.doEmbed({ values: ["The sky is blue."] })).embeddings;
    expect(vector).toHaveLength(tiny.hiddenSize);
    await (resolved as TransformersEmbeddingModel).dispose();
  });
});

describe("TransformersEmbeddingModel without a usable model", () => {
  async function failure(embedder: TransformersEmbeddingModel): Promise<ProviderError> {
    const error = await embedder.doEmbed({ values: ["x"] }).catch((error: unknown) => error);
    if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
    return error;
  }

  it("a missing folder fails at once, naming the folder, the files and how to get them", async () => {
    const folder = join(tiny.folder, "..", "trama-no-such-model");
    const error = await failure(new TransformersEmbeddingModel(folder));
    expect(error.message).toBe(
      `transformers.js (${folder}): there is no model folder at ${folder}. Download an ONNX export of the model into ` +
        "that folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), for instance from the " +
        `Hugging Face hub: hf download <org>/trama-no-such-model config.json tokenizer.json tokenizer_config.json onnx/model.onnx --local-dir ${folder} ` +
        "(ONNX exports live under onnx-community/… and Xenova/…, such as Xenova/all-MiniLM-L6-v2). Or pass " +
        "allowRemoteModels: true to let transformers.js download a hub model id into its cache.",
    );
    expect(error.isRetryable).toBe(false);
  });

  it("an incomplete folder lists the missing files", async () => {
    const folder = `${tiny.folder}-incomplete`;
    await cp(tiny.folder, folder, { recursive: true });
    await rm(join(folder, "tokenizer_config.json"));
    await rm(join(folder, "onnx", "model.onnx"));
    try {
      const error = await failure(new TransformersEmbeddingModel(folder));
      expect(error.message).toContain(
        `the model folder ${folder} is incomplete: tokenizer_config.json, onnx/model.onnx are missing. Download`,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("a hub id fails at once while downloads are off, and never touches the network", async () => {
    const started = Date.now();
    const error = await failure(new TransformersEmbeddingModel("Xenova/all-MiniLM-L6-v2"));
    expect(Date.now() - started).toBeLessThan(200);
    expect(error.message).toBe(
      `transformers.js (Xenova/all-MiniLM-L6-v2): there is no model folder at ${join(process.cwd(), "Xenova/all-MiniLM-L6-v2")}, ` +
        "and 'Xenova/all-MiniLM-L6-v2' reads like a Hugging Face model id, but downloads are off (allowRemoteModels: " +
        "false). Download it once: hf download Xenova/all-MiniLM-L6-v2 config.json tokenizer.json tokenizer_config.json " +
        "onnx/model.onnx --local-dir models/all-MiniLM-L6-v2, then use modelPath ./models/all-MiniLM-L6-v2 " +
        "(onnx:./models/all-MiniLM-L6-v2). Or pass allowRemoteModels: true to let transformers.js download it into its cache.",
    );
    expect(networkCalls).toEqual([]);
  });

  it("with allowRemoteModels, a hub id goes to the hub (here refused by the fake network)", async () => {
    const cacheDir = `${tiny.folder}-cache`;
    const remote = new TransformersEmbeddingModel("Xenova/all-MiniLM-L6-v2", {
      allowRemoteModels: true,
      cacheDir,
    });
    expect(remote.endpoint).toBe("Xenova/all-MiniLM-L6-v2");
    try {
      const error = await failure(remote);
      expect(error.message).toContain("could not load the model from Xenova/all-MiniLM-L6-v2: ");
      expect(networkCalls.some((url) => url.startsWith("https://huggingface.co/Xenova/all-MiniLM-L6-v2/"))).toBe(true);
    } finally {
      networkCalls.length = 0;
      await rm(cacheDir, { recursive: true, force: true });
    }
    expect(env.allowRemoteModels).toBe(true);
  });

  it("a broken model file fails with transformers.js's reason", async () => {
    const folder = `${tiny.folder}-broken`;
    await cp(tiny.folder, folder, { recursive: true });
    await cp(join(folder, "config.json"), join(folder, "onnx", "model.onnx"));
    try {
      const error = await failure(new TransformersEmbeddingModel(folder));
      expect(error.message).toContain(`transformers.js (${folder}): could not load the model from ${folder}: `);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
