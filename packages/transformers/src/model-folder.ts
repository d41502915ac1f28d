/**
 * Finding a model: a local folder laid out the way transformers.js loads it, or (only when allowed) a Hugging Face
 * model id to download. Checked before transformers.js runs, because its own errors for a missing or incomplete
 * folder are cryptic, and without `tokenizer_config.json` it even loads a pipeline with no tokenizer at all.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";

/** The files a local feature-extraction model needs (fp32 weights), relative to its folder. */
export const requiredModelFiles = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

/** Where a model comes from: a local folder (absolute path), or a hub id that may be downloaded. */
export type ModelSource = { kind: "folder"; folder: string } | { kind: "hub"; modelId: string };

/** A model that cannot be loaded as given; the message says why and what to do. */
export class ModelFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelFolderError";
  }
}

/**
 * Resolves `modelPath` to a model source. An existing folder must hold every required file. A path that is not a
 * folder fails, unless `allowRemoteModels` is on and it reads as a hub id (`org/name`).
 */
export function resolveModelSource(modelPath: string, allowRemoteModels: boolean): ModelSource {
  const folder = absoluteFolder(modelPath);
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory()) {
      throw new ModelFolderError(`${folder} is a file; modelPath must be the model's folder (${filesText()}).`);
    }
    const missing = requiredModelFiles.filter((file) => !existsSync(join(folder, file)));
    if (missing.length) {
      throw new ModelFolderError(
        `the model folder ${folder} is incomplete: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing. ${howToGetFiles(folder)}`,
      );
    }
    return { kind: "folder", folder };
  }
  if (allowRemoteModels && looksLikeHubId(modelPath)) return { kind: "hub", modelId: modelPath };
  if (looksLikeHubId(modelPath) && modelPath.includes("/")) {
    const localFolder = `models/${basename(modelPath)}`;
    throw new ModelFolderError(
      `there is no model folder at ${folder}, and '${modelPath}' reads like a Hugging Face model id, but downloads ` +
        `are off (allowRemoteModels: false). Download it once: hf download ${modelPath} ${requiredModelFiles.join(" ")} ` +
        `--local-dir ${localFolder}, then use modelPath ./${localFolder} (onnx:./${localFolder}). Or pass ` +
        "allowRemoteModels: true to let transformers.js download it into its cache.",
    );
  }
  throw new ModelFolderError(`there is no model folder at ${folder}. ${howToGetFiles(folder)}`);
}

/** The key of a model's concurrency limit: its absolute folder, or the hub id when it will be downloaded. */
export function modelEndpoint(modelPath: string, allowRemoteModels: boolean): string {
  const folder = absoluteFolder(modelPath);
  return allowRemoteModels && !existsSync(folder) && looksLikeHubId(modelPath) ? modelPath : folder;
}

/** `modelPath` as an absolute path: `~/` is the home folder, relative paths start at the working directory. */
export function absoluteFolder(modelPath: string): string {
  if (modelPath === "~" || modelPath.startsWith("~/")) return join(homedir(), modelPath.slice(1));
  return isAbsolute(modelPath) ? resolve(modelPath) : resolve(process.cwd(), modelPath);
}

/** `org/name` or `name`, made of letters, digits, `-`, `_` and `.`, and not a relative path. */
export function looksLikeHubId(modelPath: string): boolean {
  if (modelPath.startsWith(".") || modelPath.includes("..") || modelPath.includes("--")) return false;
  return /^([\w.-]+\/)?[\w.-]{1,96}$/.test(modelPath);
}

function filesText(): string {
  return requiredModelFiles.join(", ");
}

function howToGetFiles(folder: string): string {
  return (
    `Download an ONNX export of the model into that folder (${filesText()}), for instance from the Hugging Face hub: ` +
    `hf download <org>/${basename(folder)} ${requiredModelFiles.join(" ")} --local-dir ${folder} ` +
    "(ONNX exports live under onnx-community/… and Xenova/…, such as Xenova/all-MiniLM-L6-v2). " +
    "Or pass allowRemoteModels: true to let transformers.js download a hub model id into its cache."
  );
}
