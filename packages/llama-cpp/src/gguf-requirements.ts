/**
 * What llama.cpp needs in a GGUF file's metadata before it can load it safely. Some omissions make the native
 * loader abort the whole process (a failed assertion or an uncaught C++ exception) rather than throw a JavaScript
 * error, so both the tiny-model writer and the loader check these first.
 * @module
 */

/** Architectures without attention layers (recurrent models), which have no head count or feed-forward length. */
const recurrentArchitectures = new Set(["mamba", "mamba2", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7"]);

/**
 * The metadata keys a file of `architecture` must have and lacks. The universal keys are always required; the
 * attention keys (`feed_forward_length`, `attention.head_count`) for every architecture with attention, because a
 * missing one aborts the process in a native assertion; `llama.attention.layer_norm_rms_epsilon` for `llama`.
 */
export function missingMetadataKeys(keys: ReadonlySet<string>, architecture: string | undefined): string[] {
  const required = ["general.architecture", "tokenizer.ggml.model", "tokenizer.ggml.tokens"];
  if (architecture) {
    required.push(`${architecture}.context_length`, `${architecture}.embedding_length`, `${architecture}.block_count`);
    if (!recurrentArchitectures.has(architecture)) {
      required.push(`${architecture}.feed_forward_length`, `${architecture}.attention.head_count`);
    }
    if (architecture === "llama") required.push("llama.attention.layer_norm_rms_epsilon");
  }
  return required.filter((key) => !keys.has(key));
}

/** `<0x00>` … `<0xFF>`: the byte-fallback tokens a SentencePiece (`llama`) vocabulary must hold. */
export function byteTokenText(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`;
}

/**
 * The byte tokens missing from a SentencePiece (`tokenizer.ggml.model = "llama"`) vocabulary. Without them the
 * native loader throws `std::out_of_range` and the process dies; other tokenizer models need none.
 */
export function missingByteTokens(tokenizerModel: unknown, tokens: readonly unknown[]): string[] {
  if (tokenizerModel !== "llama") return [];
  const present = new Set(tokens);
  const missing: string[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const text = byteTokenText(byte);
    if (!present.has(text)) missing.push(text);
  }
  return missing;
}
