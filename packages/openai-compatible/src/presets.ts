import { parseOllamaHost } from "@trama/provider";
import type { OpenAICompatibleQuirks } from "./openai-compatible-settings.js";

/** Options that feed a preset's headers (OpenRouter's app attribution). */
export interface PresetHeaderOptions {
  /** OpenRouter: your app's URL, sent as `HTTP-Referer`. */
  appUrl?: string;
  /** OpenRouter: your app's name, sent as `X-Title`. */
  appName?: string;
}

/** A named OpenAI-compatible service or server: where it lives, its key, its headers and its quirks. */
export interface OpenAICompatiblePreset {
  /** Shorthand scheme: `openai` in `openai:gpt-4.1-mini`. */
  scheme: string;
  /** Provider name in errors. */
  provider: string;
  /** Default base URL. */
  baseURL: string;
  /** The base URL from the environment when the provider documents a variable for it (`OPENAI_BASE_URL`). */
  baseURLFromEnv?: () => string | undefined;
  /** Environment variable holding the API key. */
  apiKeyEnv?: string;
  /** Whether calls fail without a key (cloud services) or go without one (local servers). */
  apiKeyRequired: boolean;
  /** Headers every request carries. */
  headers?: (options: PresetHeaderOptions) => Record<string, string>;
  quirks: OpenAICompatibleQuirks;
  /** Texts per embedding request, or `undefined` when the service has no embeddings endpoint. */
  embeddingBatchSize: number | undefined;
}

const env = (name: string) => () => process.env[name] || undefined;

/** `OLLAMA_HOST`, read as Ollama's own CLI reads it, as the base URL of Ollama's OpenAI-compatible API. */
function ollamaBaseURL(): string | undefined {
  const host = process.env.OLLAMA_HOST?.trim();
  return host ? `${parseOllamaHost(host)}/v1` : undefined;
}

/** `GROQ_BASE_URL`, which Groq's SDK reads as the host (it adds `/openai/v1` itself). */
function groqBaseURL(): string | undefined {
  const base = process.env.GROQ_BASE_URL?.replace(/\/+$/, "");
  if (!base) return undefined;
  return /\/v1$/.test(base) ? base : `${base}/openai/v1`;
}

/** The built-in presets, by shorthand scheme. */
export const presets = {
  openai: {
    scheme: "openai",
    provider: "openai",
    baseURL: "https://api.openai.com/v1",
    baseURLFromEnv: env("OPENAI_BASE_URL"),
    apiKeyEnv: "OPENAI_API_KEY",
    apiKeyRequired: true,
    quirks: { maxTokensField: "max_completion_tokens" },
    embeddingBatchSize: 2048,
  },
  openrouter: {
    scheme: "openrouter",
    provider: "openrouter",
    baseURL: "https://openrouter.ai/api/v1",
    apiKeyEnv: "OPENROUTER_API_KEY",
    apiKeyRequired: true,
    headers: ({ appUrl, appName }) => ({
      ...(appUrl ? { "HTTP-Referer": appUrl } : {}),
      ...(appName ? { "X-Title": appName } : {}),
    }),
    quirks: { supportsTopK: true },
    embeddingBatchSize: 256,
  },
  lmstudio: {
    scheme: "lmstudio",
    provider: "lmstudio",
    baseURL: "http://127.0.0.1:1234/v1",
    apiKeyRequired: false,
    quirks: { supportsTopK: true },
    embeddingBatchSize: 32,
  },
  vllm: {
    scheme: "vllm",
    provider: "vllm",
    baseURL: "http://127.0.0.1:8000/v1",
    apiKeyEnv: "VLLM_API_KEY",
    apiKeyRequired: false,
    quirks: { supportsTopK: true },
    embeddingBatchSize: 256,
  },
  llamacpp: {
    scheme: "llamacpp",
    provider: "llama-server",
    baseURL: "http://127.0.0.1:8080/v1",
    apiKeyEnv: "LLAMA_API_KEY",
    apiKeyRequired: false,
    quirks: { supportsTopK: true },
    embeddingBatchSize: 32,
  },
  deepseek: {
    scheme: "deepseek",
    provider: "deepseek",
    baseURL: "https://api.deepseek.com/v1",
    apiKeyEnv: "DEEPSEEK_API_KEY",
    apiKeyRequired: true,
    quirks: { supportsStructuredOutput: false, reasoningField: "reasoning_content", reasoningEcho: "tool-turns" },
    embeddingBatchSize: undefined,
  },
  mistral: {
    scheme: "mistral",
    provider: "mistral",
    baseURL: "https://api.mistral.ai/v1",
    apiKeyEnv: "MISTRAL_API_KEY",
    apiKeyRequired: true,
    quirks: { seedField: "random_seed", streamUsage: false },
    embeddingBatchSize: 128,
  },
  groq: {
    scheme: "groq",
    provider: "groq",
    baseURL: "https://api.groq.com/openai/v1",
    baseURLFromEnv: groqBaseURL,
    apiKeyEnv: "GROQ_API_KEY",
    apiKeyRequired: true,
    quirks: {},
    embeddingBatchSize: undefined,
  },
  together: {
    scheme: "together",
    provider: "together",
    baseURL: "https://api.together.xyz/v1",
    baseURLFromEnv: env("TOGETHER_BASE_URL"),
    apiKeyEnv: "TOGETHER_API_KEY",
    apiKeyRequired: true,
    quirks: { supportsTopK: true },
    embeddingBatchSize: 256,
  },
  "ollama-openai": {
    scheme: "ollama-openai",
    provider: "ollama",
    baseURL: "http://127.0.0.1:11434/v1",
    baseURLFromEnv: ollamaBaseURL,
    apiKeyRequired: false,
    quirks: {},
    embeddingBatchSize: 32,
  },
  "openai-compatible": {
    scheme: "openai-compatible",
    provider: "openai-compatible",
    baseURL: "",
    apiKeyRequired: false,
    quirks: {},
    embeddingBatchSize: 256,
  },
} satisfies Record<string, OpenAICompatiblePreset>;

/** A preset's scheme. */
export type PresetName = keyof typeof presets;
