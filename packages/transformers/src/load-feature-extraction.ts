/**
 * Loading a transformers.js feature-extraction pipeline on the CPU with fp32 weights (`onnx/model.onnx`).
 *
 * transformers.js is imported on first use (it takes most of a second), and loads are done one at a time: while one
 * runs, `env.allowRemoteModels` is set to what that model allows and restored afterwards, so models with different
 * settings never see each other's. Downloads are also refused per call (`local_files_only`), and a local model is
 * always given to transformers.js as an absolute folder path, which it never looks up on the hub.
 * @module
 */
import type { ModelSource } from "./model-folder.js";

/** The part of a loaded feature-extraction pipeline used here: the tensor's `tolist()` gives one vector per text. */
export interface FeatureExtractor {
  (texts: string[], options: { pooling: "mean" | "cls"; normalize: boolean }): Promise<{ tolist(): unknown[] }>;
  /** Releases the ONNX Runtime session. */
  dispose(): Promise<void>;
}

let queue: Promise<unknown> = Promise.resolve();

/** Loads the pipeline of `source`; downloads only when `allowRemoteModels`, into `cacheDir` when given. */
export function loadFeatureExtraction(
  source: ModelSource,
  options: { allowRemoteModels: boolean; cacheDir?: string },
): Promise<FeatureExtractor> {
  const load = queue.then(async () => {
    const { env, pipeline } = await import("@huggingface/transformers");
    const previous = env.allowRemoteModels;
    env.allowRemoteModels = options.allowRemoteModels && source.kind === "hub";
    try {
      const extractor = await pipeline(
        "feature-extraction",
        source.kind === "folder" ? source.folder : source.modelId,
        {
          device: "cpu",
          dtype: "fp32",
          local_files_only: !env.allowRemoteModels,
          ...(options.cacheDir ? { cache_dir: options.cacheDir } : {}),
        },
      );
      return extractor as unknown as FeatureExtractor;
    } finally {
      env.allowRemoteModels = previous;
    }
  });
  queue = load.catch(() => undefined);
  return load;
}
