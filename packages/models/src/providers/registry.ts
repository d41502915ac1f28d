/**
 * Model shorthands: `ollama:qwen2.5:7b`, `openrouter:openai/gpt-5.1`, `openai:gpt-4.1-mini`, `anthropic:…`,
 * `gemini:…`, `gguf:./models/x.gguf`, `openai-compatible:http://host:port/v1#model`. The part before the first colon
 * names a provider; the provider's package is loaded on first use, so users install only the providers they use.
 * @module
 */
import { TramaError } from "@trama/core";
import type { ChatModelV1, EmbeddingModelV1, ProviderFactory } from "@trama/provider";

/** The packages that provide Trama's built-in schemes. Each exports `providers: Record<scheme, ProviderFactory>`. */
const builtIn: Record<string, string> = {
  openai: "@trama/openai-compatible",
  openrouter: "@trama/openai-compatible",
  lmstudio: "@trama/openai-compatible",
  vllm: "@trama/openai-compatible",
  llamacpp: "@trama/openai-compatible",
  deepseek: "@trama/openai-compatible",
  mistral: "@trama/openai-compatible",
  groq: "@trama/openai-compatible",
  together: "@trama/openai-compatible",
  "openai-compatible": "@trama/openai-compatible",
  "ollama-openai": "@trama/openai-compatible",
  ollama: "@trama/ollama",
  anthropic: "@trama/anthropic",
  gemini: "@trama/gemini",
  gguf: "@trama/llama-cpp",
  onnx: "@trama/transformers",
};

/** The in-process runtimes some provider packages need: optional installs, because they are large. */
const optionalRuntimes: Record<string, { name: string; size: string }> = {
  "@trama/llama-cpp": { name: "node-llama-cpp", size: "~700 MB" },
  "@trama/transformers": { name: "@huggingface/transformers", size: "~450 MB" },
};

/**
 * The error to show when importing a provider's package failed because it, or the runtime it needs, is not
 * installed: it names what to install. Undefined for any other failure, which is shown as it is.
 */
export function missingProviderError(failure: { scheme: string; packageName: string; error: unknown }) {
  const { scheme, packageName, error } = failure;
  if ((error as { code?: string } | undefined)?.code !== "ERR_MODULE_NOT_FOUND") return undefined;
  const runtime = optionalRuntimes[packageName];
  const text = String(error);
  if (runtime && (text.includes(`'${runtime.name}'`) || text.includes(packageName))) {
    return new TramaError(
      `The '${scheme}' provider runs models in this process with ${runtime.name}, which is not installed (an optional install, ${runtime.size}). In a clone of the Trama repository run: npm run extras. In your own project: npm install ${packageName} ${runtime.name}.`,
      { cause: error },
    );
  }
  if (!text.includes(packageName)) return undefined;
  return new TramaError(`The '${scheme}' provider needs ${packageName}: install it with npm install ${packageName}.`, {
    cause: error,
  });
}

const registered = new Map<string, ProviderFactory>();

/** Adds or replaces a scheme, for providers outside Trama's packages. */
export function registerProvider(scheme: string, factory: ProviderFactory): void {
  registered.set(scheme, factory);
}

/** Splits `scheme:rest` at the first colon. */
export function parseShorthand(shorthand: string): { scheme: string; modelId: string } {
  const colon = shorthand.indexOf(":");
  if (colon <= 0 || colon === shorthand.length - 1) {
    throw new TramaError(
      `'${shorthand}' is not a model shorthand. Write provider:model, such as ollama:qwen2.5:7b, openai:gpt-4.1-mini or gguf:./models/model.gguf. Providers: ${Object.keys(builtIn).join(", ")}.`,
    );
  }
  return { scheme: shorthand.slice(0, colon), modelId: shorthand.slice(colon + 1) };
}

async function factoryFor(scheme: string): Promise<ProviderFactory> {
  const known = registered.get(scheme);
  if (known) return known;
  const packageName = builtIn[scheme];
  if (!packageName) {
    throw new TramaError(
      `Unknown model provider '${scheme}'. Providers: ${[...new Set([...Object.keys(builtIn), ...registered.keys()])].join(", ")}.`,
    );
  }
  let module: { providers?: Record<string, ProviderFactory> };
  try {
    module = (await import(packageName)) as typeof module;
  } catch (error) {
    throw missingProviderError({ scheme, packageName, error }) ?? error;
  }
  const factory = module.providers?.[scheme];
  if (!factory) throw new TramaError(`${packageName} does not provide '${scheme}'.`);
  registered.set(scheme, factory);
  return factory;
}

/** A chat model from a shorthand (or the model itself). */
export async function resolveChatModel(
  model: string | ChatModelV1,
  options: Record<string, unknown> = {},
): Promise<ChatModelV1> {
  if (typeof model !== "string") return model;
  const { scheme, modelId } = parseShorthand(model);
  const factory = await factoryFor(scheme);
  if (!factory.chat) throw new TramaError(`The '${scheme}' provider has no chat models.`);
  return factory.chat(modelId, options);
}

/** An embedding model from a shorthand (or the model itself). */
export async function resolveEmbeddingModel(
  model: string | EmbeddingModelV1,
  options: Record<string, unknown> = {},
): Promise<EmbeddingModelV1> {
  if (typeof model !== "string") return model;
  const { scheme, modelId } = parseShorthand(model);
  const factory = await factoryFor(scheme);
  if (!factory.embedding) throw new TramaError(`The '${scheme}' provider has no embedding models.`);
  return factory.embedding(modelId, options);
}
