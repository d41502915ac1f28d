/**
 * Checks a model file before the native loader sees it: a GGUF header, the metadata keys llama.cpp needs, the byte
 * tokens of SentencePiece vocabularies, and tensor data that reaches the end of the file. The native loader aborts
 * the process on some of these faults and reports "Failed to load model" on the others; this says what is wrong.
 * @module
 */
import { open } from "node:fs/promises";
import { missingByteTokens, missingMetadataKeys } from "./gguf-requirements.js";

/** What the check read from the file. */
export interface GgufSummary {
  version: number;
  architecture: string | undefined;
  /** Every metadata key. */
  keys: ReadonlySet<string>;
  tensorCount: number;
}

/** A file that is not a loadable GGUF: `message` says why, in a sentence that names the file. */
export class GgufCheckError extends Error {
  override name = "GgufCheckError";
}

const maximumCount = 10_000_000;
const maximumString = 1 << 26;
const scalarSizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const keptValues = new Set([
  "general.architecture",
  "general.alignment",
  "tokenizer.ggml.model",
  "tokenizer.ggml.tokens",
]);

/** Reads the header, metadata and tensor table of `path` and throws a `GgufCheckError` if llama.cpp cannot load it. */
export async function checkGgufFile(path: string): Promise<GgufSummary> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const reader = new FileReader(file, size, path);
    const magic = await reader.bytes(4).catch(() => Buffer.alloc(0));
    if (magic.toString("latin1") !== "GGUF") throw new GgufCheckError(notGgufMessage(path, await reader.start()));
    const version = await reader.uint32();
    if (version !== 2 && version !== 3) {
      throw new GgufCheckError(`${path} is GGUF version ${version}; llama.cpp reads versions 2 and 3.`);
    }
    const tensorCount = await reader.count();
    const keyCount = await reader.count();
    const keys = new Set<string>();
    const values = new Map<string, unknown>();
    for (let index = 0; index < keyCount; index++) {
      const key = await reader.string();
      keys.add(key);
      const value = await reader.value(await reader.uint32(), keptValues.has(key));
      if (keptValues.has(key)) values.set(key, value);
    }
    const architecture =
      typeof values.get("general.architecture") === "string"
        ? (values.get("general.architecture") as string)
        : undefined;
    const missing = missingMetadataKeys(keys, architecture);
    if (missing.length) {
      throw new GgufCheckError(
        `${path} lacks GGUF metadata that llama.cpp needs: ${missing.join(", ")}. The file is incomplete or was written by a tool that does not follow the GGUF conventions for ${architecture ?? "its architecture"}.`,
      );
    }
    const tokens = values.get("tokenizer.ggml.tokens");
    const missingBytes = missingByteTokens(values.get("tokenizer.ggml.model"), Array.isArray(tokens) ? tokens : []);
    if (missingBytes.length) {
      throw new GgufCheckError(
        `${path} has a SentencePiece ("llama") vocabulary without the byte tokens ${missingBytes.slice(0, 3).join(", ")}${missingBytes.length > 3 ? ", …" : ""}; llama.cpp cannot load it.`,
      );
    }
    let lastOffset = 0;
    for (let index = 0; index < tensorCount; index++) {
      await reader.string();
      const dimensions = await reader.uint32();
      await reader.bytes(8 * dimensions + 4);
      lastOffset = Math.max(lastOffset, Number(await reader.uint64()));
    }
    const alignment = Number(values.get("general.alignment") ?? 32) || 32;
    const dataStart = Math.ceil(reader.position / alignment) * alignment;
    if (tensorCount > 0 && dataStart + lastOffset >= size) {
      throw new GgufCheckError(
        `${path} is truncated: its tensor data needs more than ${dataStart + lastOffset} bytes and the file has ${size}. Download it again.`,
      );
    }
    return { version, architecture, keys, tensorCount };
  } catch (error) {
    if (error instanceof GgufCheckError) throw error;
    throw new GgufCheckError(`${path} is not a readable GGUF file: ${(error as Error).message}`, { cause: error });
  } finally {
    await file.close();
  }
}

function notGgufMessage(path: string, start: Buffer): string {
  const text = start.toString("utf8");
  const shown = JSON.stringify(text.slice(0, 24));
  if (text.startsWith("version https://git-lfs")) {
    return `${path} is a Git LFS pointer, not the model: fetch the real file (git lfs pull, or download it from the model page).`;
  }
  if (/^\s*<(!doctype|html)/i.test(text)) {
    return `${path} is an HTML page, not a model (a login or error page saved instead of the file?). Download the file again.`;
  }
  return `${path} is not a GGUF model file: it does not start with "GGUF" (it starts with ${shown}).`;
}

type FileHandle = Awaited<ReturnType<typeof open>>;

/** Sequential little-endian reads through a buffer refilled in 4 MB chunks; running past the end is an error. */
class FileReader {
  position = 0;
  #buffer = Buffer.alloc(0);
  #bufferStart = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
    private readonly path: string,
  ) {}

  async start(): Promise<Buffer> {
    const length = Math.min(64, this.size);
    const buffer = Buffer.alloc(length);
    await this.file.read(buffer, 0, length, 0);
    return buffer;
  }

  #has(length: number): boolean {
    return this.position >= this.#bufferStart && this.position + length <= this.#bufferStart + this.#buffer.length;
  }

  #take(length: number): Buffer {
    const offset = this.position - this.#bufferStart;
    this.position += length;
    return this.#buffer.subarray(offset, offset + length);
  }

  #checkBounds(length: number): void {
    if (this.position + length > this.size) {
      throw new GgufCheckError(`${this.path} ends in the middle of its GGUF header (${this.size} bytes): truncated?`);
    }
  }

  async bytes(length: number): Promise<Buffer> {
    this.#checkBounds(length);
    if (!this.#has(length)) {
      const chunk = Math.min(Math.max(length, 1 << 22), this.size - this.position);
      this.#buffer = Buffer.alloc(chunk);
      await this.file.read(this.#buffer, 0, chunk, this.position);
      this.#bufferStart = this.position;
    }
    return this.#take(length);
  }

  skip(length: number): void {
    this.#checkBounds(length);
    this.position += length;
  }

  async uint32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0);
  }

  async uint64(): Promise<bigint> {
    return (await this.bytes(8)).readBigUInt64LE(0);
  }

  /** A UINT64 count, refused when it is implausibly large (a corrupt file). */
  async count(limit = maximumCount): Promise<number> {
    return this.#checkCount(await this.uint64(), limit);
  }

  #checkCount(value: bigint, limit: number): number {
    if (value > BigInt(limit))
      throw new GgufCheckError(`${this.path} has a corrupt GGUF header (a count of ${value}).`);
    return Number(value);
  }

  /** A GGUF string: UINT64 byte length, then UTF-8 bytes. */
  async string(): Promise<string> {
    return this.#bufferedString() ?? (await this.bytes(await this.count(maximumString))).toString("utf8");
  }

  /**
   * The next string when the buffer holds all of it (most do), without a promise: vocabularies have 100k+ strings.
   * `undefined` when it is not in the buffer; `""` when it was skipped (`keep` false).
   */
  #bufferedString(keep = true): string | undefined {
    if (!this.#has(8)) return undefined;
    const offset = this.position - this.#bufferStart;
    const low = this.#buffer.readUInt32LE(offset);
    if (this.#buffer.readUInt32LE(offset + 4) !== 0 || low > maximumString) {
      throw new GgufCheckError(`${this.path} has a corrupt GGUF header (a string of ${low} bytes or more).`);
    }
    if (!this.#has(8 + low)) return undefined;
    this.position += 8;
    if (!keep) {
      this.position += low;
      return "";
    }
    return this.#take(low).toString("utf8");
  }

  /** Reads a metadata value of `type`, returning it when `keep` (strings, numbers, arrays of them), else skipping it. */
  async value(type: number, keep: boolean): Promise<unknown> {
    if (type === 8) return this.string();
    if (type === 9) {
      const itemType = await this.uint32();
      const length = await this.count();
      if (itemType === 8) {
        const items: string[] = [];
        for (let index = 0; index < length; index++) {
          const item = this.#bufferedString(keep) ?? (await this.string());
          if (keep) items.push(item);
        }
        return keep ? items : undefined;
      }
      if (!keep && itemType !== 9) {
        this.skip(this.#scalarSize(itemType) * length);
        return undefined;
      }
      const items: unknown[] = [];
      for (let index = 0; index < length; index++) items.push(await this.value(itemType, keep));
      return keep ? items : undefined;
    }
    const size = this.#scalarSize(type);
    const bytes = await this.bytes(size);
    if (!keep) return undefined;
    if (type === 4) return bytes.readUInt32LE(0);
    if (type === 6) return bytes.readFloatLE(0);
    return bytes.readUIntLE(0, Math.min(size, 6));
  }

  #scalarSize(type: number): number {
    const size = scalarSizes[type];
    if (size === undefined) throw new GgufCheckError(`${this.path} has an unknown GGUF value type ${type}.`);
    return size;
  }
}
