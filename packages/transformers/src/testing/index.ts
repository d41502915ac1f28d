/**
 * `@trama/transformers/testing`: a tiny ONNX embedding model written on the spot, for tests that load a real
 * transformers.js pipeline without downloading anything.
 * @module
 */
export {
  encodeOnnxModel,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  OnnxType,
  ProtobufWriter,
} from "./onnx-protobuf.js";
export { tinyTokenizerConfigJson, tinyTokenizerJson, tinyVocabulary } from "./tiny-tokenizer.js";
export { type TinyOnnxModel, type TinyOnnxModelOptions, writeTinyOnnxModel } from "./write-tiny-onnx-model.js";
