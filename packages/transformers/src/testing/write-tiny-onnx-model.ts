/**
 * Writes a tiny BERT-shaped ONNX feature-extraction model to a folder, laid out as transformers.js expects a local
 * model: `config.json`, `tokenizer.json`, `tokenizer_config.json` and `onnx/model.onnx` (fp32). Nothing is
 * downloaded; the weights are deterministic pseudo-random numbers, so every run writes the same bytes.
 * @module
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededRandom } from "@trama/core";
import { encodeOnnxModel, type OnnxModel, OnnxType } from "./onnx-protobuf.js";
import { tinyTokenizerConfigJson, tinyTokenizerJson, tinyVocabulary } from "./tiny-tokenizer.js";

/** Options of `writeTinyOnnxModel`. */
export interface TinyOnnxModelOptions {
  /** Where to write; default a new temporary folder. */
  folder?: string;
  /** Width of the vectors; default 32. */
  hiddenSize?: number;
  /** Seed of the weights; default 42. */
  seed?: number;
}

/** A written test model. */
export interface TinyOnnxModel {
  /** The model folder, to pass as `modelPath`. */
  folder: string;
  hiddenSize: number;
  vocabulary: string[];
  /** Deletes the folder. */
  remove(): Promise<void>;
}

/**
 * Writes the model and returns its folder.
 *
 * The graph is BERT's embedding layer plus one mixing step, so that every input matters and `[CLS]` depends on the
 * text:
 *
 * ```text
 * embedded = Gather(word_embeddings, input_ids) + Gather(token_type_embeddings, token_type_ids)
 * mask     = Unsqueeze(Cast(attention_mask, float), 2)                         [batch, sequence, 1]
 * context  = ReduceSum(embedded · mask, 1) / ReduceSum(mask, 1)               the masked mean, [batch, 1, hidden]
 * last_hidden_state = Tanh(embedded + context) · mask                         [batch, sequence, hidden]
 * ```
 *
 * Padding never changes the vectors of real tokens, as in a real encoder with an attention mask.
 */
export async function writeTinyOnnxModel(options: TinyOnnxModelOptions = {}): Promise<TinyOnnxModel> {
  const hiddenSize = options.hiddenSize ?? 32;
  const folder = options.folder ?? (await mkdtemp(join(tmpdir(), "trama-tiny-onnx-")));
  const vocabulary = tinyVocabulary();
  const maxLength = 512;
  await mkdir(join(folder, "onnx"), { recursive: true });
  await writeFile(
    join(folder, "onnx", "model.onnx"),
    encodeOnnxModel(tinyGraph(vocabulary.length, hiddenSize, options.seed ?? 42)),
  );
  await writeJson(join(folder, "config.json"), {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: hiddenSize,
    vocab_size: vocabulary.length,
    type_vocab_size: 2,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: hiddenSize * 2,
    max_position_embeddings: maxLength,
    hidden_act: "gelu",
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  });
  await writeJson(join(folder, "tokenizer.json"), tinyTokenizerJson(vocabulary));
  await writeJson(join(folder, "tokenizer_config.json"), tinyTokenizerConfigJson(maxLength));
  return { folder, hiddenSize, vocabulary, remove: () => rm(folder, { recursive: true, force: true }) };
}

function tinyGraph(vocabularySize: number, hiddenSize: number, seed: number): OnnxModel {
  const random = seededRandom(seed);
  const table = (rows: number) => Float32Array.from({ length: rows * hiddenSize }, () => random() * 2 - 1);
  const ids = (name: string) => ({ name, type: OnnxType.int64, shape: ["batch", "sequence"] });
  const axis = (name: string, value: number) => ({
    name,
    dims: [1],
    type: OnnxType.int64,
    data: BigInt64Array.of(BigInt(value)),
  });
  return {
    irVersion: 8,
    opsetVersion: 17,
    producerName: "trama-tiny-onnx",
    graphName: "tiny_bert_embeddings",
    initializers: [
      {
        name: "word_embeddings",
        dims: [vocabularySize, hiddenSize],
        type: OnnxType.float,
        data: table(vocabularySize),
      },
      { name: "token_type_embeddings", dims: [2, hiddenSize], type: OnnxType.float, data: table(2) },
      axis("last_axis", 2),
      axis("sequence_axis", 1),
    ],
    inputs: [ids("input_ids"), ids("attention_mask"), ids("token_type_ids")],
    outputs: [{ name: "last_hidden_state", type: OnnxType.float, shape: ["batch", "sequence", hiddenSize] }],
    nodes: [
      { opType: "Gather", inputs: ["word_embeddings", "input_ids"], outputs: ["words"] },
      { opType: "Gather", inputs: ["token_type_embeddings", "token_type_ids"], outputs: ["types"] },
      { opType: "Add", inputs: ["words", "types"], outputs: ["embedded"] },
      { opType: "Cast", inputs: ["attention_mask"], outputs: ["mask_float"], intAttributes: { to: OnnxType.float } },
      { opType: "Unsqueeze", inputs: ["mask_float", "last_axis"], outputs: ["mask"] },
      { opType: "Mul", inputs: ["embedded", "mask"], outputs: ["masked"] },
      { opType: "ReduceSum", inputs: ["masked", "sequence_axis"], outputs: ["summed"], intAttributes: { keepdims: 1 } },
      { opType: "ReduceSum", inputs: ["mask", "sequence_axis"], outputs: ["count"], intAttributes: { keepdims: 1 } },
      { opType: "Div", inputs: ["summed", "count"], outputs: ["context"] },
      { opType: "Add", inputs: ["embedded", "context"], outputs: ["mixed"] },
      { opType: "Tanh", inputs: ["mixed"], outputs: ["activated"] },
      { opType: "Mul", inputs: ["activated", "mask"], outputs: ["last_hidden_state"] },
    ],
  };
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}
