/**
 * Model references: a file path, an `https://` URL, or a Hugging Face shorthand, and where each is kept on disk.
 * Parsing is synchronous and offline, so a model knows its file (its `endpoint`) before anything is downloaded.
 * @module
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { TramaError } from "@trama/core";

/** What a reference points at. */
export type ModelReference =
  /** A file on disk: `path` is absolute. */
  | { kind: "file"; reference: string; path: string }
  /** One remote file: downloaded from `url` to `path`. */
  | { kind: "url"; reference: string; url: string; path: string }
  /**
   * A Hugging Face repository and quantization (`hf:user/repo:Q4_K_M`), whose file name only the Hub knows: any
   * `.gguf` file in `directory` whose name holds `quantization` is used; a download is saved as `path`.
   */
  | {
      kind: "hf-quantization";
      reference: string;
      repository: string;
      quantization: string;
      directory: string;
      path: string;
    };

/**
 * Where downloaded models are kept: the `TRAMA_MODELS_DIR` environment variable, else `~/.cache/trama/models`.
 * Each remote file has a fixed place under it (see `parseModelReference`), so a file copied there by hand is found.
 */
export function defaultModelsDir(): string {
  return process.env.TRAMA_MODELS_DIR || join(homedir(), ".cache", "trama", "models");
}

/** The Hugging Face host, `HF_ENDPOINT` when set (mirrors), like the Hugging Face tools. */
export function huggingFaceEndpoint(): string {
  return (process.env.HF_ENDPOINT || "https://huggingface.co").replace(/\/+$/, "");
}

const huggingFacePrefixes = ["hf://", "huggingface://", "hf:", "huggingface:"];

/**
 * Parses a model reference and places it under `modelsDir`:
 * - `hf:user/repo/path/file.gguf` (optionally `#branch`) → `https://huggingface.co/user/repo/resolve/main/path/file.gguf`,
 *   kept at `<modelsDir>/huggingface.co/user/repo/path/file.gguf` (`repo@branch` for other branches);
 * - `hf:user/repo:Q4_K_M` (or `hf:user/repo`, meaning Q4_K_M) → a `.gguf` file whose name holds the quantization in
 *   `<modelsDir>/huggingface.co/user/repo/`;
 * - `https://host/path/file.gguf` → `<modelsDir>/host/path/file.gguf` (Hugging Face `resolve`/`blob` URLs as `hf:`);
 * - anything else is a file path, relative to the working directory, or else to `modelsDir`.
 */
export function parseModelReference(reference: string, modelsDir: string): ModelReference {
  const trimmed = reference.trim();
  const prefix = huggingFacePrefixes.find((candidate) => trimmed.startsWith(candidate));
  if (prefix) return parseHuggingFace(trimmed.slice(prefix.length), reference, modelsDir);
  if (/^https?:\/\//i.test(trimmed)) return parseUrl(trimmed, reference, modelsDir);
  const fromWorkingDirectory = resolve(trimmed);
  if (isAbsolute(trimmed) || existsSync(fromWorkingDirectory)) {
    return { kind: "file", reference, path: fromWorkingDirectory };
  }
  const inModelsDir = resolve(modelsDir, trimmed);
  return { kind: "file", reference, path: existsSync(inModelsDir) ? inModelsDir : fromWorkingDirectory };
}

function parseHuggingFace(rest: string, reference: string, modelsDir: string): ModelReference {
  const [withoutBranch = "", branch = "main"] = rest.split("#", 2);
  const [user, repository, ...filePath] = withoutBranch.split("/").filter(Boolean);
  if (!user || !repository) {
    throw new TramaError(
      `'${reference}' is not a Hugging Face model reference: write hf:user/repo/file.gguf or hf:user/repo:Q4_K_M.`,
    );
  }
  checkSegments(reference, [user, repository, ...filePath, branch]);
  if (filePath.length === 0) {
    const [name = repository, quantization = "Q4_K_M"] = repository.split(":", 2);
    const directory = join(modelsDir, "huggingface.co", user, name);
    const baseName = name.replace(/-gguf$/i, "");
    return {
      kind: "hf-quantization",
      reference,
      repository: `${user}/${name}`,
      quantization: quantization.toUpperCase(),
      directory,
      path: join(directory, `${baseName}.${quantization.toUpperCase()}.gguf`),
    };
  }
  const encoded = [user, repository, "resolve", branch, ...filePath].map(encodeURIComponent).join("/");
  const folder = branch === "main" ? repository : `${repository}@${branch}`;
  return {
    kind: "url",
    reference,
    url: `${huggingFaceEndpoint()}/${encoded}`,
    path: join(modelsDir, "huggingface.co", user, folder, ...filePath),
  };
}

function parseUrl(text: string, reference: string, modelsDir: string): ModelReference {
  const url = new URL(text);
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const huggingFaceHosts = ["huggingface.co", "hf.co", new URL(huggingFaceEndpoint()).host];
  const [user, repository, action, branch, ...filePath] = segments;
  if (huggingFaceHosts.includes(url.host) && (action === "resolve" || action === "blob") && filePath.length) {
    return parseHuggingFace(`${user}/${repository}/${filePath.join("/")}#${branch}`, reference, modelsDir);
  }
  checkSegments(reference, segments);
  if (segments.length === 0) throw new TramaError(`'${reference}' names no file.`);
  return { kind: "url", reference, url: url.href, path: join(modelsDir, url.host.replace(":", "_"), ...segments) };
}

/** Refuses `..` and empty segments, so that a reference never places a file outside `modelsDir`. */
function checkSegments(reference: string, segments: readonly string[]): void {
  if (segments.some((segment) => segment === ".." || segment === "." || segment.includes("\\"))) {
    throw new TramaError(`'${reference}' has a path segment that is not allowed ('..', '.' or a backslash).`);
  }
}
