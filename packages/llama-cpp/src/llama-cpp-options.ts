import type { Llama } from "node-llama-cpp";
import { abortable } from "./async-queue.js";
import {
  acquireModel,
  allowThreads,
  defaultThreads,
  type GpuSetting,
  llamaRuntime,
  type SharedModel,
} from "./llama-runtime.js";
import { defaultModelsDir, parseModelReference } from "./model-reference.js";
import { resolveModelPath } from "./resolve-model.js";

/** Options shared by llama.cpp chat and embedding models. */
export interface LlamaCppModelOptions {
  /**
   * The GGUF model: a file path (relative to the working directory, else to `modelsDir`), an `https://` URL, or a
   * Hugging Face reference: `hf:user/repo/file.gguf` (one file) or `hf:user/repo:Q4_K_M` (a quantization).
   */
  model: string;
  /**
   * Where remote models are looked for and downloaded to. Default: the `TRAMA_MODELS_DIR` environment variable,
   * else `~/.cache/trama/models`. `hf:user/repo/file.gguf` lives at `<modelsDir>/huggingface.co/user/repo/file.gguf`,
   * `https://host/path/file.gguf` at `<modelsDir>/host/path/file.gguf`.
   */
  modelsDir?: string;
  /** Download a remote model missing from `modelsDir`. Default true; without a network this fails at once either way. */
  download?: boolean;
  /** Context window in tokens. Default: up to 4096, no more than the model was trained for or memory allows. */
  contextSize?: number;
  /**
   * CPU threads. Default: the physical cores llama.cpp finds (2 if it cannot tell). More threads than cores is much
   * slower, never faster: llama.cpp's threads spin while waiting for each other.
   */
  threads?: number;
  /**
   * Where to run: `false` (default) the CPU only, `true` / `"auto"` the best GPU backend whose prebuilt binary is
   * installed, or `"cuda"`, `"vulkan"`, `"metal"`. llama.cpp is never compiled or downloaded.
   */
  gpu?: GpuSetting;
}

/** A model file opened for one Trama model object: the runtime, the shared loaded model, the threads to use. */
export interface OpenedModel {
  llama: Llama;
  shared: SharedModel;
  path: string;
  threads: number;
}

/** The model file that `options.model` names, without touching the disk or network: a model's `endpoint`. */
export function modelLocation(options: LlamaCppModelOptions): string {
  return parseModelReference(options.model, options.modelsDir ?? defaultModelsDir()).path;
}

/** Resolves (maybe downloads) and checks the file, starts the runtime and loads or shares the model. */
export async function openModel(options: LlamaCppModelOptions, signal?: AbortSignal): Promise<OpenedModel> {
  const gpu = options.gpu ?? false;
  const path = await resolveModelPath(options.model, {
    modelsDir: options.modelsDir,
    download: options.download,
    signal,
  });
  const llama = await abortable(llamaRuntime(gpu, options.model), signal);
  const threads = options.threads ?? defaultThreads(llama);
  allowThreads(llama, threads);
  const shared = await acquireModel(llama, gpu, path, options.model);
  return { llama, shared, path, threads };
}

/** The options worth saving in a configuration: those given, without `undefined`. */
export function definedOptions(options: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
