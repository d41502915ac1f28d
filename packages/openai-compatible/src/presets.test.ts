import { ChatMessage, Secret } from "@trama/core";
import { chatModelFrom, type LoopbackServer, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { textCompletion } from "./__fixtures__/openai-chat.js";
import {
  deepseek,
  groq,
  llamacpp,
  lmstudio,
  mistral,
  OpenAICompatibleChatModel,
  ollamaOpenAI,
  openAICompatible,
  openai,
  openrouter,
  presets,
  providers,
  together,
  vllm,
} from "./index.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe("presets", () => {
  it("have their documented base URLs and provider names", () => {
    for (const name of ["OPENAI_BASE_URL", "GROQ_BASE_URL", "TOGETHER_BASE_URL", "OLLAMA_HOST"]) vi.stubEnv(name, "");
    const key = Secret.fromToken("k");
    const endpoints = [
      openai,
      openrouter,
      lmstudio,
      vllm,
      llamacpp,
      deepseek,
      mistral,
      groq,
      together,
      ollamaOpenAI,
    ].map((factory) => {
      const model = factory("m", { apiKey: key });
      return [model.provider, model.endpoint];
    });

    expect(endpoints).toEqual([
      ["openai", "https://api.openai.com/v1"],
      ["openrouter", "https://openrouter.ai/api/v1"],
      ["lmstudio", "http://127.0.0.1:1234/v1"],
      ["vllm", "http://127.0.0.1:8000/v1"],
      ["llama-server", "http://127.0.0.1:8080/v1"],
      ["deepseek", "https://api.deepseek.com/v1"],
      ["mistral", "https://api.mistral.ai/v1"],
      ["groq", "https://api.groq.com/openai/v1"],
      ["together", "https://api.together.xyz/v1"],
      ["ollama", "http://127.0.0.1:11434/v1"],
    ]);
    expect(Object.keys(providers).sort()).toEqual(Object.keys(presets).sort());
  });

  it("take the base URL from the option, then the documented environment variable, then the default", () => {
    vi.stubEnv("OPENAI_BASE_URL", "https://proxy.example.com/v1/");
    vi.stubEnv("GROQ_BASE_URL", "https://groq-proxy.example.com");
    vi.stubEnv("OLLAMA_HOST", "0.0.0.0");
    const key = Secret.fromToken("k");

    expect(openai("m", { apiKey: key }).endpoint).toBe("https://proxy.example.com/v1");
    expect(openai("m", { apiKey: key, baseURL: "http://127.0.0.1:4000/v1" }).endpoint).toBe("http://127.0.0.1:4000/v1");
    expect(groq("m", { apiKey: key }).endpoint).toBe("https://groq-proxy.example.com/openai/v1");
    expect(ollamaOpenAI("m").endpoint).toBe("http://127.0.0.1:11434/v1");
    vi.stubEnv("OLLAMA_HOST", "https://ollama.example.com");
    expect(ollamaOpenAI("m").endpoint).toBe("https://ollama.example.com/v1");
    vi.stubEnv("OLLAMA_HOST", "gpu-box:9999");
    expect(ollamaOpenAI("m").endpoint).toBe("http://gpu-box:9999/v1");
  });

  it("resolve the generic openai-compatible:http://host:port/v1#model shorthand", async () => {
    server = await startLoopbackServer({
      "POST /v1/chat/completions": (_, response) => sendJson(response, 200, textCompletion),
    });
    const model = chatModelFrom(providers, `openai-compatible:${server.url}/v1#qwen2.5-7b-instruct`, {
      headers: { "x-api-version": "2" },
    });
    const result = await model.doGenerate({ messages: [ChatMessage.user("Hi")] });

    expect(model).toBeInstanceOf(OpenAICompatibleChatModel);
    expect(model.provider).toBe("openai-compatible");
    expect(model.modelId).toBe("qwen2.5-7b-instruct");
    expect(model.endpoint).toBe(`${server.url}/v1`);
    expect(result.message.text).toBe("The capital of France is Paris.");
    expect(server.requests[0]!.body.model).toBe("qwen2.5-7b-instruct");
    expect(server.requests[0]!.headers["x-api-version"]).toBe("2");
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(model.toConfig!()).toEqual({
      model: `openai-compatible:${server.url}/v1#qwen2.5-7b-instruct`,
      headers: { "x-api-version": "2" },
    });
  });

  it("refuse a generic shorthand without a server", async () => {
    expect(() => chatModelFrom(providers, "openai-compatible:qwen2.5")).toThrow(
      "'openai-compatible:qwen2.5' does not say which server and model: write openai-compatible:http://host:port/v1#model, or pass the model with a baseURL option.",
    );
  });

  it("save keys as variable names and refuse plain-string keys", () => {
    const model = openai("gpt-4.1-mini", { apiKey: Secret.fromEnv("MY_OPENAI_KEY"), supportsTopK: true });
    const direct = new OpenAICompatibleChatModel("llama-3.3-70b", {
      provider: "internal",
      baseURL: "http://10.0.0.5:9000/v1/",
      apiKey: Secret.fromEnv("INTERNAL_KEY"),
      supportsTopK: true,
    });

    expect(model.toConfig()).toEqual({
      model: "openai:gpt-4.1-mini",
      supportsTopK: true,
      apiKey: { type: "env_var", env_vars: ["MY_OPENAI_KEY"], strict: true },
    });
    expect(direct.toConfig()).toEqual({
      model: "openai-compatible:http://10.0.0.5:9000/v1#llama-3.3-70b",
      provider: "internal",
      apiKey: { type: "env_var", env_vars: ["INTERNAL_KEY"], strict: true },
      supportsTopK: true,
    });
    expect(() => openai("gpt-4.1-mini", { apiKey: "sk-plain" as never })).toThrow(/plain strings are refused/);
  });

  it("build a generic model from openAICompatible(modelId, { baseURL })", () => {
    const model = openAICompatible("phi-4", { baseURL: "http://127.0.0.1:9000/v1", provider: "sglang" });

    expect([model.provider, model.modelId, model.url]).toEqual([
      "sglang",
      "phi-4",
      "http://127.0.0.1:9000/v1/chat/completions",
    ]);
  });
});
