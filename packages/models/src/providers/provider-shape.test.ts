/**
 * Every provider package has the same shape: `providers` maps each shorthand scheme to a provider function
 * (`x(modelId, options)`, `x.chat(…)`, `x.embedding(…)`), and every model class is built as `new XModel(modelId,
 * options)`. Checked here across all of them, so a new provider cannot drift.
 */
import * as anthropicPackage from "@trama/anthropic";
import * as geminiPackage from "@trama/gemini";
import * as llamaCppPackage from "@trama/llama-cpp";
import * as ollamaPackage from "@trama/ollama";
import * as openAICompatiblePackage from "@trama/openai-compatible";
import type { ChatModelV1, EmbeddingModelV1, ProviderFactory } from "@trama/provider";
import * as transformersPackage from "@trama/transformers";
import { describe, expect, it } from "vitest";

const packages: Record<string, { providers: Record<string, ProviderFactory> }> = {
  "@trama/anthropic": anthropicPackage,
  "@trama/gemini": geminiPackage,
  "@trama/llama-cpp": llamaCppPackage,
  "@trama/ollama": ollamaPackage,
  "@trama/openai-compatible": openAICompatiblePackage,
  "@trama/transformers": transformersPackage,
};

const options = { baseURL: "http://127.0.0.1:9/v1", apiKey: undefined };

describe("provider packages", () => {
  for (const [name, module] of Object.entries(packages)) {
    it(`${name}: every scheme is a provider function of one shape`, () => {
      for (const [scheme, provider] of Object.entries(module.providers)) {
        expect(typeof provider, `${name} ${scheme}`).toBe("function");
        expect(provider.chat ?? provider.embedding, `${name} ${scheme}`).toBeTypeOf("function");
        const main = (provider as unknown as (id: string, o: object) => ChatModelV1 | EmbeddingModelV1)("m-1", options);
        expect(main.modelId).toBe("m-1");
        if (provider.chat) expect(provider.chat("m-2", options).modelId).toBe("m-2");
      }
    });
  }

  it("model classes are all built as new XModel(modelId, options)", () => {
    const built: Array<ChatModelV1 | EmbeddingModelV1> = [
      new anthropicPackage.AnthropicChatModel("m", {}),
      new geminiPackage.GeminiChatModel("m", {}),
      new geminiPackage.GeminiEmbeddingModel("m", {}),
      new ollamaPackage.OllamaChatModel("m", {}),
      new ollamaPackage.OllamaEmbeddingModel("m", {}),
      new openAICompatiblePackage.OpenAICompatibleChatModel("m", { provider: "x", baseURL: options.baseURL }),
      new openAICompatiblePackage.OpenAICompatibleEmbeddingModel("m", { provider: "x", baseURL: options.baseURL }),
      new llamaCppPackage.LlamaCppChatModel("m", {}),
      new llamaCppPackage.LlamaCppEmbeddingModel("m", {}),
      new transformersPackage.TransformersEmbeddingModel("m", {}),
    ];
    for (const model of built) expect(model.modelId).toBe("m");
  });
});
