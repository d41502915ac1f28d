import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getLlama, LlamaCompletion, type LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGgufFile } from "../gguf-check.js";
import { tinyModelShape, writeTinyGguf } from "./index.js";

let folder: string;
let model: LlamaModel;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "trama-tiny-gguf-"));
  const { path } = await writeTinyGguf({ path: join(folder, "tiny.gguf"), tensorType: "f16" });
  const llama = await getLlama({ gpu: false, build: "never" });
  model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
});

afterAll(async () => {
  await model?.dispose();
  await rm(folder, { recursive: true, force: true });
});

/** Completes `prompt` in a fresh context, so runs share no state. */
async function complete(prompt: string, options: { temperature?: number; seed?: number } = {}): Promise<string> {
  const context = await model.createContext({ contextSize: 512, threads: 1 });
  try {
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    return await completion.generateCompletion(prompt, { maxTokens: 24, ...options });
  } finally {
    await context.dispose();
  }
}

describe("writeTinyGguf", () => {
  it("writes the same bytes for the same seed, other bytes for another", async () => {
    const first = await writeTinyGguf({ path: join(folder, "a.gguf"), seed: 7 });
    const again = await writeTinyGguf({ path: join(folder, "b.gguf"), seed: 7 });
    const other = await writeTinyGguf({ path: join(folder, "c.gguf"), seed: 8 });
    const bytes = await readFile(first.path);
    expect(bytes.equals(await readFile(again.path))).toBe(true);
    expect(bytes.equals(await readFile(other.path))).toBe(false);
    expect(first.byteLength).toBe(bytes.length);
    expect(first.byteLength).toBeLessThan(600_000);
  });

  it("writes F16 matrices in about half the bytes", async () => {
    const f32 = await writeTinyGguf({ path: join(folder, "f32.gguf") });
    const f16 = await writeTinyGguf({ path: join(folder, "f16.gguf"), tensorType: "f16" });
    expect(f16.byteLength).toBeLessThan(f32.byteLength * 0.55);
  });

  it("writes a file that passes the loader's GGUF checks", async () => {
    const summary = await checkGgufFile(join(folder, "tiny.gguf"));
    expect(summary).toMatchObject({
      version: 3,
      architecture: "llama",
      tensorCount: 3 + 9 * tinyModelShape.blockCount,
    });
    expect(summary.keys).toContain("tokenizer.chat_template");
  });

  it("refuses to write a file without the keys llama.cpp needs, unless told not to check", async () => {
    const path = join(folder, "broken.gguf");
    await expect(writeTinyGguf({ path, omitMetadataKeys: ["llama.attention.head_count"] })).rejects.toThrow(
      "The tiny GGUF would lack metadata llama.cpp needs: llama.attention.head_count.",
    );
    await expect(
      writeTinyGguf({ path, omitMetadataKeys: ["llama.attention.head_count"], validate: false }),
    ).resolves.toBeDefined();
  });

  it("loads in node-llama-cpp with its vocabulary, template and shape", () => {
    expect(model.architecture).toBe("llama");
    expect(model.trainContextSize).toBe(tinyModelShape.contextLength);
    expect(model.embeddingVectorSize).toBe(tinyModelShape.embeddingLength);
    expect(model.fileInfo.metadata.tokenizer.chat_template).toContain("<|im_start|>");
    expect(model.detokenize(model.tokenize("hello world"))).toBe("hello world");
    expect(model.tokenize("hello world")).toHaveLength(2);
    expect(model.detokenize(model.tokenize("é🙂"))).toBe("é🙂");
  });

  it("generates: greedy output repeats exactly, and so does seeded sampling", async () => {
    const greedy = await complete("the name is");
    expect(greedy.length).toBeGreaterThan(0);
    expect(await complete("the name is")).toBe(greedy);
    const sampled = await complete("the name is", { temperature: 1, seed: 3 });
    expect(await complete("the name is", { temperature: 1, seed: 3 })).toBe(sampled);
  });
});
