/**
 * `@trama/openai-compatible`: chat and embedding models for every server speaking OpenAI's chat completions and
 * embeddings API, with presets for OpenAI, OpenRouter, LM Studio, vLLM, llama.cpp server, DeepSeek, Mistral, Groq,
 * Together and Ollama's `/v1`, and the shorthand schemes `openai:`, `openrouter:`, …, `openai-compatible:`.
 * @module
 */
import { defineProvider } from "@trama/provider";
import {
  type OpenAICompatiblePresetOptions,
  presetChatModel,
  presetEmbeddingModel,
  presetFactory,
} from "./openai-compatible-providers.js";
import { presets } from "./presets.js";

export { convertToOpenAICompatibleMessages } from "./convert-to-openai-compatible-messages.js";
export { mapOpenAICompatibleFinishReason } from "./map-openai-compatible-finish-reason.js";
export { OpenAICompatibleChatModel } from "./openai-compatible-chat-model.js";
export {
  OpenAICompatibleEmbeddingModel,
  type OpenAICompatibleEmbeddingModelOptions,
} from "./openai-compatible-embedding-model.js";
export { errorFromObject } from "./openai-compatible-error.js";
export { prepareOpenAICompatibleTools } from "./openai-compatible-prepare-tools.js";
export {
  type OpenAICompatiblePresetOptions,
  type PresetFactory,
  presetChatModel,
  presetEmbeddingModel,
  presetFactory,
  providers,
} from "./openai-compatible-providers.js";
export type {
  OpenAICompatibleChatModelOptions,
  OpenAICompatibleConnection,
  OpenAICompatibleQuirks,
} from "./openai-compatible-settings.js";
export { convertOpenAICompatibleUsage } from "./openai-compatible-usage.js";
export { type OpenAICompatiblePreset, type PresetHeaderOptions, type PresetName, presets } from "./presets.js";

/** OpenAI (`OPENAI_API_KEY`, base URL from `OPENAI_BASE_URL` when set). */
export const openai = presetFactory(presets.openai);
/** OpenRouter (`OPENROUTER_API_KEY`); `appUrl` / `appName` set its attribution headers. */
export const openrouter = presetFactory(presets.openrouter);
/** LM Studio's local server (no key). */
export const lmstudio = presetFactory(presets.lmstudio);
/** A vLLM server (`VLLM_API_KEY` when the server requires one). */
export const vllm = presetFactory(presets.vllm);
/** llama.cpp's `llama-server` (`LLAMA_API_KEY` when the server requires one). */
export const llamacpp = presetFactory(presets.llamacpp);
/** DeepSeek (`DEEPSEEK_API_KEY`); its reasoning arrives as `reasoning_content`. */
export const deepseek = presetFactory(presets.deepseek);
/** Mistral (`MISTRAL_API_KEY`). */
export const mistral = presetFactory(presets.mistral);
/** Groq (`GROQ_API_KEY`). */
export const groq = presetFactory(presets.groq);
/** Together AI (`TOGETHER_API_KEY`). */
export const together = presetFactory(presets.together);
/** Ollama's OpenAI-compatible endpoint (`/v1`, host from `OLLAMA_HOST` when set). */
export const ollamaOpenAI = presetFactory(presets["ollama-openai"]);

/** Options of `openAICompatible`: the server's base URL, and the preset options. */
export type OpenAICompatibleOptions = OpenAICompatiblePresetOptions & { baseURL: string };

/**
 * Models on any OpenAI-compatible server: `openAICompatible("my-model", { baseURL: "http://127.0.0.1:9000/v1" })`, and
 * `openAICompatible.embedding("bge-m3", { baseURL })` for embeddings.
 */
export const openAICompatible = defineProvider({
  chat: (modelId: string, options?: OpenAICompatibleOptions) =>
    presetChatModel(presets["openai-compatible"], modelId, options),
  embedding: (modelId: string, options?: OpenAICompatibleOptions) =>
    presetEmbeddingModel(presets["openai-compatible"], modelId, options),
});
