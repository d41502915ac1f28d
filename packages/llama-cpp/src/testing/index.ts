/**
 * `@trama/llama-cpp/testing`: a writer of tiny random-weight GGUF models, so that tests run node-llama-cpp for real
 * without downloading weights.
 * @module
 */
export { type TinyGguf, type TinyGgufOptions, tinyModelShape, writeTinyGguf } from "./write-tiny-gguf.js";
