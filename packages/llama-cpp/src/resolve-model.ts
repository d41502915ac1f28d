/**
 * Turns a model reference into a checked GGUF file on disk: an existing file as is; a remote one from the models
 * folder when it is there, else downloaded. Without a network it fails at once, saying what to download from where
 * and where to put it, and it never hands the native loader a file that would crash it.
 * @module
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";
import { ProviderError } from "@trama/provider";
import { resolveModelFile } from "node-llama-cpp";
import { checkGgufFile, GgufCheckError } from "./gguf-check.js";
import { defaultModelsDir, huggingFaceEndpoint, type ModelReference, parseModelReference } from "./model-reference.js";

/** Options of `resolveModelPath`. */
export interface ResolveModelOptions {
  /** Where downloaded models are kept. Default: `TRAMA_MODELS_DIR`, else `~/.cache/trama/models`. */
  modelsDir?: string;
  /** Download a remote model that is not in `modelsDir`. Default true; false fails with the download instructions. */
  download?: boolean;
  /** How long to wait for the server to answer before calling it unreachable. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** How long a download may make no progress before it is given up. Default 60000 ms. */
  stallTimeoutMs?: number;
  /** Called as a download progresses. */
  onDownloadProgress?: (progress: { downloadedBytes: number; totalBytes: number }) => void;
  signal?: AbortSignal;
}

const provider = "llama.cpp";
const downloads = new Map<string, Promise<string>>();

/** The absolute path of the checked GGUF file `reference` names, downloading it first when needed and allowed. */
export async function resolveModelPath(reference: string, options: ResolveModelOptions = {}): Promise<string> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const parsed = parseModelReference(reference, modelsDir);
  let path: string;
  if (parsed.kind === "file") {
    if (!existsSync(parsed.path)) {
      throw new ProviderError({
        provider,
        modelId: reference,
        message: `no model file at ${parsed.path}${isAbsolute(reference.trim()) ? "" : ` (nor in the models folder ${modelsDir})`}.`,
        hint: "Check the path, or give an hf:user/repo/file.gguf or https:// reference to download the model.",
        isRetryable: false,
      });
    }
    path = parsed.path;
  } else {
    path = (await findCached(parsed)) ?? (await downloadOnce(parsed, options));
  }
  await checkModelFile(path, reference);
  return path;
}

/** Checks that `path` is a GGUF file llama.cpp can load, as a `ProviderError` naming the file and the fault. */
export async function checkModelFile(path: string, modelId: string): Promise<void> {
  try {
    await checkGgufFile(path);
  } catch (error) {
    if (!(error instanceof GgufCheckError)) throw error;
    throw new ProviderError({ provider, modelId, message: error.message, isRetryable: false, cause: error });
  }
}

async function findCached(reference: Exclude<ModelReference, { kind: "file" }>): Promise<string | undefined> {
  if (existsSync(reference.path)) return reference.path;
  if (reference.kind !== "hf-quantization" || !existsSync(reference.directory)) return undefined;
  const names = (await readdir(reference.directory)).sort();
  const quantization = reference.quantization.toLowerCase();
  const match = names.find((name) => {
    const lower = name.toLowerCase();
    return lower.endsWith(".gguf") && lower.includes(quantization) && !/-0*(?:[2-9]|\d{2,})-of-\d+\.gguf$/.test(lower);
  });
  return match === undefined ? undefined : join(reference.directory, match);
}

function downloadOnce(
  reference: Exclude<ModelReference, { kind: "file" }>,
  options: ResolveModelOptions,
): Promise<string> {
  let pending = downloads.get(reference.path);
  if (!pending) {
    pending = download(reference, options).finally(() => downloads.delete(reference.path));
    downloads.set(reference.path, pending);
  }
  return pending;
}

async function download(
  reference: Exclude<ModelReference, { kind: "file" }>,
  options: ResolveModelOptions,
): Promise<string> {
  if (options.download === false) throw notDownloaded(reference, "downloads are turned off (download: false)");
  const probeUrl = reference.kind === "url" ? reference.url : `${huggingFaceEndpoint()}/${reference.repository}`;
  await probe(reference, probeUrl, options);

  const watchdog = new AbortController();
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  let timer = setTimeout(() => watchdog.abort(), stallTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, watchdog.signal]) : watchdog.signal;
  try {
    return await resolveModelFile(
      reference.kind === "url" ? reference.url : `hf:${reference.repository}:${reference.quantization}`,
      {
        directory: dirname(reference.path),
        fileName: basename(reference.path),
        cli: false,
        signal,
        headers: authorizationHeaders(probeUrl),
        onProgress: ({ downloadedSize, totalSize }) => {
          clearTimeout(timer);
          timer = setTimeout(() => watchdog.abort(), stallTimeoutMs);
          options.onDownloadProgress?.({ downloadedBytes: downloadedSize, totalBytes: totalSize });
        },
      },
    );
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = watchdog.signal.aborted ? `the download stalled for ${stallTimeoutMs} ms` : (error as Error).message;
    throw notDownloaded(reference, reason, error);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks the server for the file's headers, with a short timeout, so that no network means an error now, not a hang. */
async function probe(reference: Exclude<ModelReference, { kind: "file" }>, url: string, options: ResolveModelOptions) {
  const timeout = AbortSignal.timeout(options.connectTimeoutMs ?? 5000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { method: "HEAD", redirect: "follow", headers: authorizationHeaders(url), signal });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = timeout.aborted
      ? `no answer from ${new URL(url).host} within ${options.connectTimeoutMs ?? 5000} ms`
      : networkReason(error);
    throw notDownloaded(reference, reason, error);
  }
  if (response.ok) return;
  const gated = response.status === 401 || response.status === 403;
  const reason = gated
    ? `${url} answered HTTP ${response.status}: the model is gated or private (accept its terms on the model page and set HF_TOKEN)`
    : `${url} answered HTTP ${response.status}${response.status === 404 ? " (no such file: check the reference)" : ""}`;
  throw notDownloaded(reference, reason, undefined, response.status);
}

function notDownloaded(
  reference: Exclude<ModelReference, { kind: "file" }>,
  reason: string,
  cause?: unknown,
  statusCode?: number,
): ProviderError {
  const what =
    reference.kind === "url"
      ? `Download ${reference.url} and save it as ${reference.path}`
      : `Download the ${reference.quantization} .gguf file from ${huggingFaceEndpoint()}/${reference.repository}/tree/main and save it as ${reference.path} (any .gguf name containing ${reference.quantization} in that folder is found)`;
  return new ProviderError({
    provider,
    modelId: reference.reference,
    message: `the model is not in the models folder and cannot be downloaded: ${reason}.`,
    hint: `${what}, or set modelsDir (or TRAMA_MODELS_DIR) to the folder that holds your models.`,
    statusCode: statusCode !== undefined && statusCode >= 500 ? statusCode : undefined,
    isRetryable: false,
    cause,
  });
}

function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, hostname } = current as { code?: unknown; hostname?: unknown };
    if (typeof code === "string")
      return `network error ${code}${typeof hostname === "string" ? ` for ${hostname}` : ""}`;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `Authorization: Bearer $HF_TOKEN` for Hugging Face URLs when the variable is set (gated and private models). */
function authorizationHeaders(url: string): Record<string, string> | undefined {
  const token = process.env.HF_TOKEN || process.env.HUGGING_FACE_HUB_TOKEN;
  if (!token) return undefined;
  const host = new URL(url).host;
  const huggingFace = ["huggingface.co", "hf.co", new URL(huggingFaceEndpoint()).host];
  return huggingFace.includes(host) ? { Authorization: `Bearer ${token}` } : undefined;
}
