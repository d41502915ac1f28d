/**
 * The process-wide llama.cpp runtime: one `Llama` per GPU setting, and loaded models shared by every Trama model
 * object that uses the same file (each keeps its own context), released when the last one is disposed.
 * @module
 */
import { realpath } from "node:fs/promises";
import { ProviderError } from "@trama/provider";
import {
  type ChatWrapper,
  getLlama,
  type Llama,
  LlamaLogLevel,
  type LlamaModel,
  resolveChatWrapper,
  type SpecializedChatWrapperTypeName,
} from "node-llama-cpp";

/** Where the model runs: `false` (default) on the CPU only, `true` or `"auto"` on the best GPU found, or a backend. */
export type GpuSetting = boolean | "auto" | "cuda" | "vulkan" | "metal";

const provider = "llama.cpp";
const runtimes = new Map<string, Promise<Llama>>();
const models = new Map<string, { model: Promise<LlamaModel>; users: number }>();
const chatWrappers = new WeakMap<LlamaModel, Map<string, ChatWrapper>>();

/**
 * The `Llama` runtime for `gpu`, created once. It only uses the prebuilt binaries installed with node-llama-cpp
 * (`build: "never"`): it never compiles llama.cpp nor downloads anything.
 */
export function llamaRuntime(gpu: GpuSetting, modelId: string): Promise<Llama> {
  const key = String(gpu);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = createRuntime(gpu, modelId);
    runtime.catch(() => runtimes.delete(key));
    runtimes.set(key, runtime);
  }
  return runtime;
}

async function createRuntime(gpu: GpuSetting, modelId: string): Promise<Llama> {
  try {
    const llama = await getLlama({
      gpu: gpu === false ? false : gpu === true ? "auto" : gpu,
      build: "never",
      logLevel: LlamaLogLevel.error,
      progressLogs: false,
    });
    // node-llama-cpp lets CPU contexts share at least 4 threads; more threads than cores only slows llama.cpp down.
    if (gpu === false) llama.maxThreads = defaultThreads(llama);
    return llama;
  } catch (error) {
    throw new ProviderError({
      provider,
      modelId,
      message: `cannot start llama.cpp (gpu: ${String(gpu)}): ${(error as Error).message}`,
      hint: "node-llama-cpp needs its prebuilt binary for this platform (the @node-llama-cpp/<platform> package); Trama never compiles llama.cpp. Install node-llama-cpp with its optional dependencies, or build it with `npx node-llama-cpp source build`.",
      isRetryable: false,
      cause: error,
    });
  }
}

/**
 * Threads for generation when none are given: the physical cores llama.cpp finds useful for math, or 2 when it
 * cannot tell. llama.cpp's threads spin while they wait, so more threads than cores (node-llama-cpp's CPU default
 * is at least 4) is drastically slower, not faster: on a 2-core machine 4 threads generate a few tokens per second.
 */
export function defaultThreads(llama: Llama): number {
  return llama.cpuMathCores > 0 ? llama.cpuMathCores : 2;
}

/** Raises the runtime's thread budget (shared by all contexts) to at least `threads`. */
export function allowThreads(llama: Llama, threads: number): void {
  if (llama.maxThreads !== 0 && llama.maxThreads < threads) llama.maxThreads = threads;
}

/** A loaded model shared with other users of the same file; call `release` once when done with it. */
export interface SharedModel {
  model: LlamaModel;
  release(): Promise<void>;
}

/** Loads `path` once per runtime; later callers share the loaded model until every one of them has released it. */
export async function acquireModel(llama: Llama, gpu: GpuSetting, path: string, modelId: string): Promise<SharedModel> {
  const key = `${String(gpu)}\u0000${await realpath(path)}`;
  let entry = models.get(key);
  if (!entry) {
    const model = loadModel(llama, gpu, path, modelId);
    entry = { model, users: 0 };
    models.set(key, entry);
    model.catch(() => models.get(key) === entry && models.delete(key));
  }
  entry.users++;
  const shared = entry;
  let released = false;
  try {
    return {
      model: await shared.model,
      release: async () => {
        if (released) return;
        released = true;
        if (--shared.users > 0) return;
        if (models.get(key) === shared) models.delete(key);
        await (await shared.model).dispose();
      },
    };
  } catch (error) {
    shared.users--;
    throw error;
  }
}

async function loadModel(llama: Llama, gpu: GpuSetting, path: string, modelId: string): Promise<LlamaModel> {
  try {
    return await llama.loadModel({ modelPath: path, ...(gpu === false ? { gpuLayers: 0 } : {}) });
  } catch (error) {
    throw new ProviderError({
      provider,
      modelId,
      message: `llama.cpp could not load ${path}: ${(error as Error).message}`,
      hint: "The file passed Trama's GGUF checks, so its architecture or quantization may be newer than this llama.cpp build (update node-llama-cpp), or the machine lacks memory for it.",
      isRetryable: false,
      cause: error,
    });
  }
}

/**
 * The chat wrapper (prompt format) of `type` for `model`, resolved once per loaded model: for `"auto"`, node-llama-cpp
 * matches the model's Jinja chat template against its known formats, which blocks the event loop for about 0.3 s.
 */
export function chatWrapperFor(model: LlamaModel, type: SpecializedChatWrapperTypeName | "auto" = "auto"): ChatWrapper {
  let byType = chatWrappers.get(model);
  if (!byType) {
    byType = new Map();
    chatWrappers.set(model, byType);
  }
  let wrapper = byType.get(type);
  if (!wrapper) {
    wrapper = resolveChatWrapper(model, { type });
    byType.set(type, wrapper);
  }
  return wrapper;
}
