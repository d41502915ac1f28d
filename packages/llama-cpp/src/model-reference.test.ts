import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultModelsDir, parseModelReference } from "./model-reference.js";

const dir = "/models";
afterEach(() => vi.unstubAllEnvs());

describe("parseModelReference", () => {
  it("places hf:user/repo/file.gguf under huggingface.co/user/repo", () => {
    expect(parseModelReference("hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf", dir)).toEqual({
      kind: "url",
      reference: "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf",
      url: "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf",
      path: "/models/huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf",
    });
  });

  it("keeps folders and branches of Hugging Face files", () => {
    expect(parseModelReference("hf://user/repo/Q8/model-q8.gguf#dev", dir)).toMatchObject({
      url: "https://huggingface.co/user/repo/resolve/dev/Q8/model-q8.gguf",
      path: "/models/huggingface.co/user/repo@dev/Q8/model-q8.gguf",
    });
    expect(parseModelReference("huggingface:user/repo/model.gguf", dir)).toMatchObject({
      url: "https://huggingface.co/user/repo/resolve/main/model.gguf",
    });
  });

  it("reads hf:user/repo:quant as a quantization to find or download", () => {
    expect(parseModelReference("hf:bartowski/SmolLM2-135M-Instruct-GGUF:q8_0", dir)).toEqual({
      kind: "hf-quantization",
      reference: "hf:bartowski/SmolLM2-135M-Instruct-GGUF:q8_0",
      repository: "bartowski/SmolLM2-135M-Instruct-GGUF",
      quantization: "Q8_0",
      directory: "/models/huggingface.co/bartowski/SmolLM2-135M-Instruct-GGUF",
      path: "/models/huggingface.co/bartowski/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct.Q8_0.gguf",
    });
    expect(parseModelReference("hf:user/model", dir)).toMatchObject({ quantization: "Q4_K_M" });
  });

  it("treats Hugging Face resolve and blob URLs as hf: references", () => {
    const expected = {
      url: "https://huggingface.co/u/r/resolve/main/m.gguf",
      path: "/models/huggingface.co/u/r/m.gguf",
    };
    expect(parseModelReference("https://huggingface.co/u/r/resolve/main/m.gguf?download=true", dir)).toMatchObject(
      expected,
    );
    expect(parseModelReference("https://huggingface.co/u/r/blob/main/m.gguf", dir)).toMatchObject(expected);
  });

  it("places other URLs under their host", () => {
    expect(parseModelReference("https://example.com/a/b%20c/model.gguf?x=1", dir)).toEqual({
      kind: "url",
      reference: "https://example.com/a/b%20c/model.gguf?x=1",
      url: "https://example.com/a/b%20c/model.gguf?x=1",
      path: "/models/example.com/a/b c/model.gguf",
    });
    expect(parseModelReference("http://127.0.0.1:8080/m.gguf", dir)).toMatchObject({
      path: "/models/127.0.0.1_8080/m.gguf",
    });
  });

  it("follows HF_ENDPOINT", () => {
    vi.stubEnv("HF_ENDPOINT", "https://hf-mirror.example/");
    expect(parseModelReference("hf:u/r/m.gguf", dir)).toMatchObject({
      url: "https://hf-mirror.example/u/r/resolve/main/m.gguf",
    });
  });

  it("reads anything else as a file path", () => {
    expect(parseModelReference("/abs/model.gguf", dir)).toEqual({
      kind: "file",
      reference: "/abs/model.gguf",
      path: "/abs/model.gguf",
    });
    expect(parseModelReference("./models/x.gguf", dir)).toMatchObject({ kind: "file", path: resolve("models/x.gguf") });
  });

  it("refuses references that would leave the models folder, and malformed ones", () => {
    expect(() => parseModelReference("hf:user/repo/../../etc/passwd.gguf", dir)).toThrow(
      /path segment that is not allowed/,
    );
    expect(() => parseModelReference("https://example.com/../x.gguf/..", dir)).toThrow();
    expect(() => parseModelReference("hf:user", dir)).toThrow("'hf:user' is not a Hugging Face model reference");
  });
});

describe("defaultModelsDir", () => {
  it("is TRAMA_MODELS_DIR, else ~/.cache/trama/models", () => {
    vi.stubEnv("TRAMA_MODELS_DIR", "");
    expect(defaultModelsDir()).toBe(join(homedir(), ".cache", "trama", "models"));
    vi.stubEnv("TRAMA_MODELS_DIR", "/data/models");
    expect(defaultModelsDir()).toBe("/data/models");
  });
});
