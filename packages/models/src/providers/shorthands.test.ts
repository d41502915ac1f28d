/**
 * Every built-in shorthand resolves to its provider, and local and remote models mix in one pipeline: the shape the
 * council uses (several members answering in parallel, each through its own provider).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChatMessage, Pipeline, Secret } from "@trama/core";
import { writeTinyGguf } from "@trama/llama-cpp/testing";
import { type LoopbackServer, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { writeTinyOnnxModel } from "@trama/transformers/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completion } from "../components/__fixtures__/openai-shapes.js";
import { ChatGenerator } from "../components/chat-generator.js";
import { parseShorthand, resolveChatModel, resolveEmbeddingModel } from "./registry.js";

let gguf: string;
let remote: LoopbackServer;
beforeAll(async () => {
  gguf = (await writeTinyGguf({ path: join(await mkdtemp(join(tmpdir(), "trama-shorthand-")), "tiny.gguf") })).path;
  remote = await startLoopbackServer({
    "POST /v1/chat/completions": (_request, response) => sendJson(response, 200, completion("Remote says hi.")),
  });
});
afterAll(() => remote.close());

describe("shorthands", () => {
  const key = { apiKey: Secret.fromToken("test-key") };

  it.each([
    ["openai:gpt-4.1-mini", "openai", "gpt-4.1-mini"],
    ["openrouter:openai/gpt-5.1", "openrouter", "openai/gpt-5.1"],
    ["lmstudio:qwen3-8b", "lmstudio", "qwen3-8b"],
    ["vllm:meta-llama/Llama-3.1-8B-Instruct", "vllm", "meta-llama/Llama-3.1-8B-Instruct"],
    ["llamacpp:default", "llama-server", "default"],
    ["deepseek:deepseek-chat", "deepseek", "deepseek-chat"],
    ["mistral:mistral-small-latest", "mistral", "mistral-small-latest"],
    ["groq:llama-3.3-70b-versatile", "groq", "llama-3.3-70b-versatile"],
    ["together:meta-llama/Llama-3.3-70B-Instruct-Turbo", "together", "meta-llama/Llama-3.3-70B-Instruct-Turbo"],
    ["ollama:qwen2.5:7b", "ollama", "qwen2.5:7b"],
    ["anthropic:claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5"],
    ["gemini:gemini-2.5-flash", "gemini", "gemini-2.5-flash"],
  ])("%s resolves to provider %s, model %s", async (shorthand, provider, modelId) => {
    const model = await resolveChatModel(shorthand, key);
    expect([model.provider, model.modelId]).toEqual([provider, modelId]);
  });

  it("resolves openai-compatible:URL#model, gguf: files and onnx: folders", async () => {
    const compatible = await resolveChatModel(`openai-compatible:${remote.url}/v1#my-model`);
    expect([compatible.provider, compatible.modelId, compatible.endpoint]).toEqual([
      "openai-compatible",
      "my-model",
      `${remote.url}/v1`,
    ]);
    const local = await resolveChatModel(`gguf:${gguf}`, { threads: 1 });
    expect([local.provider, local.endpoint]).toEqual(["llama.cpp", gguf]);
    const onnx = await writeTinyOnnxModel();
    const embedder = await resolveEmbeddingModel(`onnx:${onnx.folder}`);
    expect(embedder.provider).toBe("transformers.js");
    await onnx.remove();
  });

  it("names what is wrong with a bad shorthand", async () => {
    expect(() => parseShorthand("gpt-4")).toThrow(/not a model shorthand. Write provider:model/);
    await expect(resolveChatModel("nope:model")).rejects.toThrow(
      /Unknown model provider 'nope'. Providers: openai, openrouter/,
    );
  });
});

describe("hybrid", () => {
  it("runs a local in-process model and a remote one side by side in one pipeline", async () => {
    const pipeline = new Pipeline()
      .add(
        "local",
        new ChatGenerator({ model: `gguf:${gguf}`, modelOptions: { threads: 1 }, maxTokens: 8, temperature: 0 }),
      )
      .add("remote", new ChatGenerator({ model: `openai-compatible:${remote.url}/v1#remote-model` }));
    const question = [ChatMessage.user("hello")];
    const result = await pipeline.run({ local: { messages: question }, remote: { messages: question } });
    const local = result.local?.replies?.[0] as ChatMessage;
    const remoteReply = result.remote?.replies?.[0] as ChatMessage;
    expect(local.meta).toMatchObject({ provider: "llama.cpp" });
    expect(typeof local.text === "string" || local.text === undefined).toBe(true);
    expect(remoteReply.text).toBe("Remote says hi.");
  });
});
