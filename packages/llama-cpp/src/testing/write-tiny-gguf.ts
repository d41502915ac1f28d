/**
 * A dependency-free GGUF v3 writer for a tiny random-weight `llama` model: about 0.5 MB (F32) or 0.3 MB (F16), loaded
 * by node-llama-cpp in milliseconds. Its output is gibberish, but tokenization, chat templates, sampling, streaming,
 * grammars, stop conditions and embeddings all run for real, which is what provider tests need.
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { seededRandom } from "@trama/core";
import { missingByteTokens, missingMetadataKeys } from "../gguf-requirements.js";
import { ByteWriter, float16Bits, randomValues } from "./gguf-bytes.js";
import { buildTinyVocabulary, chatMlTemplate, TokenType } from "./tiny-vocabulary.js";

/** The model's shape: small enough to write and load in milliseconds, large enough to hold a chat prompt. */
export const tinyModelShape = {
  embeddingLength: 64,
  blockCount: 2,
  headCount: 4,
  headCountKv: 2,
  feedForwardLength: 128,
  contextLength: 512,
} as const;

/** Options of `writeTinyGguf`. */
export interface TinyGgufOptions {
  /** Where to write the file (folders are created). */
  path: string;
  /** Seed of the random weights: the same seed writes the same bytes. Default 1. */
  seed?: number;
  /** Storage type of the matrices; norms stay F32. Default `"f32"`. */
  tensorType?: "f32" | "f16";
  /**
   * The training context written to the metadata. Default 512. With this character-level vocabulary, node-llama-cpp's
   * function-calling instructions alone take about 700 tokens: tests that offer tools need 2048.
   */
  contextLength?: number;
  /**
   * Factor applied to the output rows of `</s>` and `<|im_end|>`: larger values end generations sooner. Default 2,
   * which ends most chat replies after a few to a few dozen tokens.
   */
  endOfGenerationScale?: number;
  /** Metadata keys to leave out, to test how loaders treat a broken file. Needs `validate: false`. */
  omitMetadataKeys?: readonly string[];
  /** Check before writing that the metadata has what llama.cpp needs to load the file. Default true. */
  validate?: boolean;
}

/** What was written. */
export interface TinyGguf {
  path: string;
  byteLength: number;
  /** Token texts, index = token id. */
  tokens: readonly string[];
  embeddingLength: number;
  contextLength: number;
}

type MetadataValue =
  | { type: "uint32"; value: number }
  | { type: "float32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "strings"; value: readonly string[] }
  | { type: "float32s"; value: readonly number[] }
  | { type: "int32s"; value: readonly number[] };

const ValueType = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
const GgmlType = { f32: 0, f16: 1 } as const;
const alignment = 32;

/** Writes the tiny model to `options.path`. */
export async function writeTinyGguf(options: TinyGgufOptions): Promise<TinyGguf> {
  const vocabulary = buildTinyVocabulary();
  const shape = { ...tinyModelShape, contextLength: options.contextLength ?? tinyModelShape.contextLength };
  const metadata = new Map<string, MetadataValue>([
    ["general.architecture", { type: "string", value: "llama" }],
    ["general.name", { type: "string", value: "trama-tiny-random" }],
    ["general.file_type", { type: "uint32", value: options.tensorType === "f16" ? 1 : 0 }],
    ["llama.context_length", { type: "uint32", value: shape.contextLength }],
    ["llama.embedding_length", { type: "uint32", value: shape.embeddingLength }],
    ["llama.block_count", { type: "uint32", value: shape.blockCount }],
    ["llama.feed_forward_length", { type: "uint32", value: shape.feedForwardLength }],
    ["llama.attention.head_count", { type: "uint32", value: shape.headCount }],
    ["llama.attention.head_count_kv", { type: "uint32", value: shape.headCountKv }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "float32", value: 1e-5 }],
    ["llama.rope.dimension_count", { type: "uint32", value: shape.embeddingLength / shape.headCount }],
    ["llama.rope.freq_base", { type: "float32", value: 10000 }],
    ["llama.vocab_size", { type: "uint32", value: vocabulary.tokens.length }],
    ["tokenizer.ggml.model", { type: "string", value: "llama" }],
    ["tokenizer.ggml.tokens", { type: "strings", value: vocabulary.tokens }],
    ["tokenizer.ggml.scores", { type: "float32s", value: vocabulary.scores }],
    ["tokenizer.ggml.token_type", { type: "int32s", value: vocabulary.types }],
    ["tokenizer.ggml.unknown_token_id", { type: "uint32", value: vocabulary.ids.unknown }],
    ["tokenizer.ggml.bos_token_id", { type: "uint32", value: vocabulary.ids.begin }],
    ["tokenizer.ggml.eos_token_id", { type: "uint32", value: vocabulary.ids.end }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: true }],
    ["tokenizer.ggml.add_eos_token", { type: "bool", value: false }],
    ["tokenizer.chat_template", { type: "string", value: chatMlTemplate }],
  ]);
  for (const key of options.omitMetadataKeys ?? []) metadata.delete(key);
  if (options.validate !== false) validateMetadata(metadata);

  const random = seededRandom(options.seed ?? 1);
  const tensorType = options.tensorType ?? "f32";
  const vocabularySize = vocabulary.tokens.length;
  const { embeddingLength: embedding, feedForwardLength: feedForward } = shape;
  const kvWidth = (embedding / shape.headCount) * shape.headCountKv;
  const tensors: Tensor[] = [];
  const matrix = (name: string, columns: number, rows: number, scale: number) =>
    tensors.push({
      name,
      dimensions: [columns, rows],
      type: tensorType,
      values: randomValues(random, columns * rows, scale),
    });
  const norm = (name: string) =>
    tensors.push({ name, dimensions: [embedding], type: "f32", values: new Float32Array(embedding).fill(1) });

  matrix("token_embd.weight", embedding, vocabularySize, 1);
  norm("output_norm.weight");
  matrix("output.weight", embedding, vocabularySize, 1 / Math.sqrt(embedding));
  const output = tensors.at(-1)!.values;
  const scaleRow = (id: number, factor: number) => {
    for (let column = 0; column < embedding; column++) output[id * embedding + column]! *= factor;
  };
  // Byte tokens are rarely chosen and the other control tokens never, so that replies are mostly readable pieces.
  vocabulary.types.forEach((type, id) => {
    if (type === TokenType.byte) scaleRow(id, 0.25);
  });
  for (const id of [vocabulary.ids.unknown, vocabulary.ids.begin, vocabulary.ids.imStart]) scaleRow(id, 0);
  const endScale = options.endOfGenerationScale ?? 2;
  for (const id of [vocabulary.ids.end, vocabulary.ids.imEnd]) scaleRow(id, endScale);
  const inner = 1 / Math.sqrt(embedding);
  for (let block = 0; block < shape.blockCount; block++) {
    const prefix = `blk.${block}`;
    norm(`${prefix}.attn_norm.weight`);
    matrix(`${prefix}.attn_q.weight`, embedding, embedding, inner);
    matrix(`${prefix}.attn_k.weight`, embedding, kvWidth, inner);
    matrix(`${prefix}.attn_v.weight`, embedding, kvWidth, inner);
    matrix(`${prefix}.attn_output.weight`, embedding, embedding, inner);
    norm(`${prefix}.ffn_norm.weight`);
    matrix(`${prefix}.ffn_gate.weight`, embedding, feedForward, inner);
    matrix(`${prefix}.ffn_up.weight`, embedding, feedForward, inner);
    matrix(`${prefix}.ffn_down.weight`, feedForward, embedding, 1 / Math.sqrt(feedForward));
  }

  const bytes = encodeGguf(metadata, tensors);
  await mkdir(dirname(options.path), { recursive: true });
  await writeFile(options.path, bytes);
  return {
    path: options.path,
    byteLength: bytes.length,
    tokens: vocabulary.tokens,
    embeddingLength: embedding,
    contextLength: shape.contextLength,
  };
}

interface Tensor {
  name: string;
  /** Fastest-varying first, as GGUF stores them: a matrix is `[columns, rows]`. */
  dimensions: number[];
  type: "f32" | "f16";
  values: Float32Array;
}

/** The required keys are present with the exact value types llama.cpp accepts (it rejects an INT32 for a UINT32). */
function validateMetadata(metadata: ReadonlyMap<string, MetadataValue>): void {
  const architecture = metadata.get("general.architecture")?.value as string | undefined;
  const missing = missingMetadataKeys(new Set(metadata.keys()), architecture);
  if (missing.length) throw new Error(`The tiny GGUF would lack metadata llama.cpp needs: ${missing.join(", ")}.`);
  for (const [key, value] of metadata) {
    const expected = key.endsWith("_length") || key.endsWith("_count") || key.endsWith("_id") ? "uint32" : undefined;
    if (expected && value.type !== expected) throw new Error(`GGUF metadata ${key} must be ${expected}.`);
  }
  const tokens = metadata.get("tokenizer.ggml.tokens")?.value as string[];
  const missingBytes = missingByteTokens(metadata.get("tokenizer.ggml.model")?.value, tokens);
  if (missingBytes.length) throw new Error(`The vocabulary lacks byte tokens: ${missingBytes.slice(0, 4).join(", ")}…`);
}

function encodeGguf(metadata: ReadonlyMap<string, MetadataValue>, tensors: readonly Tensor[]): Buffer {
  const header = new ByteWriter();
  header.bytes(Buffer.from("GGUF", "latin1"));
  header.uint32(3);
  header.uint64(tensors.length);
  header.uint64(metadata.size);
  for (const [key, value] of metadata) {
    header.string(key);
    writeValue(header, value);
  }
  const data = new ByteWriter();
  for (const tensor of tensors) {
    data.pad(alignment);
    header.string(tensor.name);
    header.uint32(tensor.dimensions.length);
    for (const dimension of tensor.dimensions) header.uint64(dimension);
    header.uint32(GgmlType[tensor.type]);
    header.uint64(data.length);
    if (tensor.type === "f32")
      data.bytes(Buffer.from(tensor.values.buffer, tensor.values.byteOffset, tensor.values.byteLength));
    else for (const value of tensor.values) data.uint16(float16Bits(value));
  }
  header.pad(alignment);
  return Buffer.concat([header.toBuffer(), data.toBuffer()]);
}

function writeValue(writer: ByteWriter, value: MetadataValue): void {
  const array = (itemType: number, length: number) => {
    writer.uint32(ValueType.array);
    writer.uint32(itemType);
    writer.uint64(length);
  };
  switch (value.type) {
    case "uint32":
      writer.uint32(ValueType.uint32);
      writer.uint32(value.value);
      break;
    case "float32":
      writer.uint32(ValueType.float32);
      writer.float32(value.value);
      break;
    case "bool":
      writer.uint32(ValueType.bool);
      writer.bytes(Buffer.from([value.value ? 1 : 0]));
      break;
    case "string":
      writer.uint32(ValueType.string);
      writer.string(value.value);
      break;
    case "strings":
      array(ValueType.string, value.value.length);
      for (const item of value.value) writer.string(item);
      break;
    case "float32s":
      array(ValueType.float32, value.value.length);
      for (const item of value.value) writer.float32(item);
      break;
    case "int32s":
      array(ValueType.int32, value.value.length);
      for (const item of value.value) writer.int32(item);
      break;
  }
}
