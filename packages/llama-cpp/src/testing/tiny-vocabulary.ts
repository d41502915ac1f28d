import { byteTokenText } from "../gguf-requirements.js";

/** SentencePiece token types, as llama.cpp reads them from `tokenizer.ggml.token_type`. */
export const TokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** A SentencePiece-style vocabulary: token texts, merge scores and token types, index = token id. */
export interface TinyVocabulary {
  tokens: string[];
  scores: number[];
  types: number[];
  /** Ids of the special tokens. */
  ids: { unknown: number; begin: number; end: number; imStart: number; imEnd: number };
}

/** Words that become whole `▁word` pieces (with every prefix, since SentencePiece merges one character at a time). */
const words = [
  "the",
  "and",
  "is",
  "to",
  "of",
  "in",
  "it",
  "you",
  "that",
  "for",
  "on",
  "are",
  "with",
  "hello",
  "world",
  "yes",
  "no",
  "name",
  "age",
  "true",
  "false",
  "null",
  "user",
  "assistant",
  "system",
];

/**
 * `<unk>`, `<s>`, `</s>`, the 256 byte tokens, `<|im_start|>` / `<|im_end|>`, then `▁`-prefixed pieces and the
 * printable ASCII characters, with decreasing scores so that longer pieces merge first.
 */
export function buildTinyVocabulary(): TinyVocabulary {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (text: string, score: number, type: number) => {
    tokens.push(text);
    scores.push(score);
    types.push(type);
    return tokens.length - 1;
  };
  const unknown = add("<unk>", 0, TokenType.unknown);
  const begin = add("<s>", 0, TokenType.control);
  const end = add("</s>", 0, TokenType.control);
  for (let byte = 0; byte < 256; byte++) add(byteTokenText(byte), 0, TokenType.byte);
  const imStart = add("<|im_start|>", 0, TokenType.control);
  const imEnd = add("<|im_end|>", 0, TokenType.control);

  const pieces = new Set<string>();
  for (const word of words) {
    for (let length = 1; length <= word.length; length++) pieces.add(`▁${word.slice(0, length)}`);
  }
  const characters = ["▁"];
  for (let code = 33; code < 127; code++) characters.push(String.fromCharCode(code));
  let score = -1;
  for (const piece of [...pieces].sort((a, b) => b.length - a.length)) add(piece, score--, TokenType.normal);
  for (const character of characters) add(character, score--, TokenType.normal);
  return { tokens, scores, types, ids: { unknown, begin, end, imStart, imEnd } };
}

/** The ChatML template most instruction models use; node-llama-cpp recognizes it and picks its ChatML wrapper. */
export const chatMlTemplate =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
