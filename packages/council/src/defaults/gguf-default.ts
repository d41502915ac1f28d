/**
 * The embedded default council: three small open-weight instruct models from different families, in GGUF, run in
 * this process through `@trama/llama-cpp`. They are fetched from Hugging Face on first use into the model cache
 * (`TRAMA_MODELS_DIR`, else `~/.cache/trama/models`), where a file copied by hand is found as well.
 * @module
 */
import { existsSync } from "node:fs";
import { availableParallelism, homedir } from "node:os";
import { join } from "node:path";
import type { CouncilModelSpec } from "../council-config.js";
import { CouncilError } from "../errors/council-error.js";

/** One default model: its name in the council, its Hugging Face file, and roughly how big it is. */
export interface DefaultModel {
  name: string;
  /** `hf:user/repo/file.gguf`, as the `gguf:` shorthand takes it. */
  reference: string;
  /** Approximate download size in bytes, for messages. */
  bytes: number;
}

/**
 * Qwen2.5 1.5B Instruct (Alibaba, Apache-2.0), Llama 3.2 1B Instruct (Meta, Llama 3.2 licence; bartowski's ungated
 * quantization) and Gemma 3 1B it (Google, Gemma terms; ggml-org's ungated quantization), all Q4_K_M: about 2.7 GB
 * together, each answering in seconds on a laptop CPU. Qwen, the largest, chairs; Llama titles.
 */
export const defaultGgufModels: readonly DefaultModel[] = [
  {
    name: "qwen2.5-1.5b",
    reference: "hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf",
    bytes: 1_117_320_736,
  },
  {
    name: "llama3.2-1b",
    reference: "hf:bartowski/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf",
    bytes: 807_694_464,
  },
  {
    name: "gemma3-1b",
    reference: "hf:ggml-org/gemma-3-1b-it-GGUF/gemma-3-1b-it-Q4_K_M.gguf",
    bytes: 806_000_000,
  },
];

/** Where models are kept: `TRAMA_MODELS_DIR`, else `~/.cache/trama/models`. */
export function modelsDirFrom(env: Readonly<Record<string, string | undefined>>): string {
  return env.TRAMA_MODELS_DIR || join(homedir(), ".cache", "trama", "models");
}

/** The part of `@trama/llama-cpp` the default council uses. */
interface LlamaCppModelFiles {
  parseModelReference(reference: string, modelsDir: string): { kind: string; path: string; url?: string };
  resolveModelPath(
    reference: string,
    options: {
      modelsDir?: string;
      signal?: AbortSignal;
      onDownloadProgress?: (progress: { downloadedBytes: number; totalBytes: number }) => void;
    },
  ): Promise<string>;
}

// A variable, so the council builds without the GGUF provider: node-llama-cpp is an optional install of ~700 MB.
const llamaCppPackage = "@trama/llama-cpp";

/**
 * `@trama/llama-cpp`, loaded on first use: it needs node-llama-cpp, an optional install that councils of servers and
 * remote models do without.
 */
async function llamaCpp(): Promise<LlamaCppModelFiles> {
  try {
    return (await import(llamaCppPackage)) as LlamaCppModelFiles;
  } catch (error) {
    throw new CouncilError(
      "The default council runs GGUF models in this process, which needs node-llama-cpp (optional, ~700 MB). In a clone of the Trama repository run: npm run extras. In your own project: npm install @trama/llama-cpp node-llama-cpp. Or start Ollama, or name members with --member or a council file.",
      { cause: error },
    );
  }
}

/** Each default model's download URL and place in the models folder, and whether it is there. */
export async function defaultModelFiles(modelsDir: string, models: readonly DefaultModel[] = defaultGgufModels) {
  const { parseModelReference } = await llamaCpp();
  return models.map((model) => {
    const parsed = parseModelReference(model.reference, modelsDir);
    const url = parsed.kind === "url" && parsed.url ? parsed.url : model.reference;
    return { ...model, url, path: parsed.path, cached: existsSync(parsed.path) };
  });
}

/** Download progress of one default model. */
export interface DownloadProgress {
  name: string;
  file: string;
  downloadedBytes: number;
  totalBytes: number;
}

/**
 * The default GGUF members, downloading the files that are missing (one at a time, reporting progress). Without a
 * network this fails within seconds with a `CouncilError` that names every missing file, its URL and its place.
 */
export async function ggufDefaultMembers(options: {
  env: Readonly<Record<string, string | undefined>>;
  models?: readonly DefaultModel[];
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Why Ollama could not be used, for the error message. */
  ollamaReason?: string;
}): Promise<CouncilModelSpec[]> {
  const modelsDir = modelsDirFrom(options.env);
  const files = await defaultModelFiles(modelsDir, options.models);
  const { resolveModelPath } = await llamaCpp();
  for (const file of files) {
    if (file.cached) continue;
    try {
      await resolveModelPath(file.reference, {
        modelsDir,
        signal: options.signal,
        onDownloadProgress: ({ downloadedBytes, totalBytes }) =>
          options.onProgress?.({ name: file.name, file: file.path, downloadedBytes, totalBytes }),
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const missing = files.filter((candidate) => !existsSync(candidate.path));
      const message = (error as Error).message;
      // The model layer's message repeats the download hint for one file; keep only its reason.
      const reason = /cannot be downloaded: (.*?)\.(?:\s|$)/s.exec(message)?.[1] ?? message;
      throw new CouncilError(
        [
          `No council file or --member was given${options.ollamaReason ? `, ${options.ollamaReason},` : ""} and the default models cannot be fetched: ${reason}.`,
          `Download ${missing.length === 1 ? "this file" : `these ${missing.length} files`} and save ${missing.length === 1 ? "it" : "each"} at the path shown (or set TRAMA_MODELS_DIR to a folder that holds them):`,
          ...missing.map(
            (model) =>
              `  ${model.name} (~${(model.bytes / 1e9).toFixed(1)} GB)\n    from ${model.url}\n    to   ${model.path}`,
          ),
          "Or start Ollama with a few models pulled, or name members: trama council --member ollama:qwen2.5:7b --member openrouter:openai/gpt-5.1 …",
        ].join("\n"),
        { cause: error },
      );
    }
  }
  // Each model gets its share of the cores: llama.cpp's threads spin while they wait, so oversubscribing is slow.
  const threads = Math.max(1, Math.floor(availableParallelism() / files.length));
  return files.map((file) => ({
    model: `gguf:${file.reference}`,
    name: file.name,
    modelOptions: { modelsDir, threads },
  }));
}
