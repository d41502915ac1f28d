import { Secret, type SecretJSON, TramaError } from "@trama/core";
import { defineProvider, type ProviderFactory } from "@trama/provider";
import { OpenAICompatibleChatModel } from "./openai-compatible-chat-model.js";
import { OpenAICompatibleEmbeddingModel } from "./openai-compatible-embedding-model.js";
import type { OpenAICompatibleConnection, OpenAICompatibleQuirks } from "./openai-compatible-settings.js";
import { type OpenAICompatiblePreset, type PresetHeaderOptions, type PresetName, presets } from "./presets.js";

/** Options of the preset factories and shorthands; all optional, all plain data except `fetch`. */
export interface OpenAICompatiblePresetOptions extends OpenAICompatibleQuirks, PresetHeaderOptions {
  /** Overrides the preset's base URL and its environment variable. */
  baseURL?: string;
  /** The API key; default: the preset's environment variable (`OPENAI_API_KEY`, …). Plain strings are refused. */
  apiKey?: Secret | SecretJSON;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** Fields merged into every request body. */
  extraBody?: Record<string, unknown>;
  /** Provider name in errors (for `openai-compatible`; presets have their own). */
  provider?: string;
  /** Embeddings: texts per request (default per preset). */
  maxBatchSize?: number;
  /** Embeddings: output dimensions. */
  dimensions?: number;
}

/** The connection of a preset's model: base URL (option, then environment, then default), key, headers, config. */
function connect(
  preset: OpenAICompatiblePreset,
  model: string,
  options: OpenAICompatiblePresetOptions,
): OpenAICompatibleConnection {
  const { baseURL, modelId } = locate(preset, model, options);
  const apiKey =
    options.apiKey !== undefined
      ? Secret.from(options.apiKey)
      : preset.apiKeyEnv
        ? Secret.fromEnv(preset.apiKeyEnv, { strict: preset.apiKeyRequired })
        : undefined;
  const headers = { ...preset.headers?.(options), ...options.headers };
  return {
    provider: options.provider ?? preset.provider,
    baseURL,
    modelId,
    ...(apiKey ? { apiKey } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    config: () => {
      const { fetch: _fetch, apiKey: key, ...rest } = options;
      return {
        model: `${preset.scheme}:${model}`,
        ...rest,
        ...(key === undefined ? {} : { apiKey: Secret.from(key)!.toJSON() }),
      };
    },
  };
}

/** Base URL and model id; `openai-compatible` takes both from `http://host:port/v1#model`. */
function locate(
  preset: OpenAICompatiblePreset,
  model: string,
  options: OpenAICompatiblePresetOptions,
): { baseURL: string; modelId: string } {
  if (preset.scheme !== "openai-compatible") {
    return { baseURL: options.baseURL ?? preset.baseURLFromEnv?.() ?? preset.baseURL, modelId: model };
  }
  const hash = model.lastIndexOf("#");
  if (/^https?:\/\//i.test(model) && hash > 0 && hash < model.length - 1) {
    return { baseURL: model.slice(0, hash), modelId: model.slice(hash + 1) };
  }
  if (options.baseURL && !/^https?:\/\//i.test(model)) return { baseURL: options.baseURL, modelId: model };
  throw new TramaError(
    `'openai-compatible:${model}' does not say which server and model: write openai-compatible:http://host:port/v1#model, or pass the model with a baseURL option.`,
  );
}

/** A chat model of a preset. */
export function presetChatModel(
  preset: OpenAICompatiblePreset,
  model: string,
  options: OpenAICompatiblePresetOptions = {},
): OpenAICompatibleChatModel {
  const quirks = Object.fromEntries(
    (
      [
        "supportsStructuredOutput",
        "supportsJsonMode",
        "supportsTopK",
        "maxTokensField",
        "seedField",
        "streamUsage",
        "reasoningField",
        "reasoningEcho",
      ] as const
    ).flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])),
  ) as OpenAICompatibleQuirks;
  const { modelId, ...connection } = connect(preset, model, options);
  return new OpenAICompatibleChatModel(modelId, {
    ...preset.quirks,
    ...quirks,
    ...connection,
    ...(options.extraBody ? { extraBody: options.extraBody } : {}),
  });
}

/** An embedding model of a preset; a preset without an embeddings endpoint (DeepSeek, Groq) throws. */
export function presetEmbeddingModel(
  preset: OpenAICompatiblePreset,
  model: string,
  options: OpenAICompatiblePresetOptions = {},
): OpenAICompatibleEmbeddingModel {
  if (preset.embeddingBatchSize === undefined) {
    throw new TramaError(`${preset.provider} has no embeddings endpoint: choose another provider for embeddings.`);
  }
  const { modelId, ...connection } = connect(preset, model, options);
  return new OpenAICompatibleEmbeddingModel(modelId, {
    ...connection,
    maxBatchSize: options.maxBatchSize ?? preset.embeddingBatchSize,
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    ...(options.extraBody ? { extraBody: options.extraBody } : {}),
  });
}

/** `openai("gpt-4.1-mini")` for a chat model, `openai.embedding("text-embedding-3-small")` for embeddings. */
export interface PresetFactory {
  (modelId: string, options?: OpenAICompatiblePresetOptions): OpenAICompatibleChatModel;
  chat(modelId: string, options?: OpenAICompatiblePresetOptions): OpenAICompatibleChatModel;
  embedding(modelId: string, options?: OpenAICompatiblePresetOptions): OpenAICompatibleEmbeddingModel;
  readonly preset: OpenAICompatiblePreset;
}

/** The factory of a preset. */
export function presetFactory(preset: OpenAICompatiblePreset): PresetFactory {
  const factory = defineProvider({
    chat: (modelId: string, options?: OpenAICompatiblePresetOptions) => presetChatModel(preset, modelId, options),
    embedding: (modelId: string, options?: OpenAICompatiblePresetOptions) =>
      presetEmbeddingModel(preset, modelId, options),
  });
  return Object.assign(factory, { preset });
}

/** The shorthand schemes, one provider function per preset; presets without embeddings have no `embedding`. */
export const providers: Record<string, ProviderFactory> = Object.fromEntries(
  (Object.keys(presets) as PresetName[]).map((scheme) => {
    const preset: OpenAICompatiblePreset = presets[scheme];
    const provider =
      preset.embeddingBatchSize === undefined
        ? defineProvider({
            chat: (modelId: string, options?: OpenAICompatiblePresetOptions) =>
              presetChatModel(preset, modelId, options),
          })
        : presetFactory(preset);
    return [scheme, provider];
  }),
);
