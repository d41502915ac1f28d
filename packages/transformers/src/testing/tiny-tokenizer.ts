/**
 * A small BERT-style WordPiece tokenizer for test models: lowercasing, BERT pre-tokenization, `[CLS] … [SEP]` around
 * each text. Every letter and digit has a piece and a `##` continuation piece, so any lowercase English text encodes
 * without `[UNK]`; common words are whole pieces.
 * @module
 */

/** The special tokens, at ids 0 to 4 as in BERT's vocabularies. */
export const specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

const commonWords = `the of and to in is was for on that with as by at from it an be this are or his her
  which but not have has had they you we he she their there been one all were when who will more no if out so
  what up about into than them can only other new some time could these two may first then do any like my now
  over such our man me even most made after also did many before must through back years where much your way well
  down should because each just those people how too little state good very make world still own see men work
  long get here between both life being under never day same another know while last might us great old year off
  come since against go came right used take three sky blue green grass red sun moon water fire tree cat dog bird
  fish house city river mountain sea rain snow wind night morning light dark happy sad fast slow big small hot cold
  question answer model text search vector embedding sentence word token`;

const punctuation = [".", ",", "!", "?", "'", '"', "-", ":", ";", "(", ")", "/"];

/** The vocabulary, in id order: special tokens, characters and their continuations, punctuation, then words. */
export function tinyVocabulary(): string[] {
  const characters = [..."abcdefghijklmnopqrstuvwxyz0123456789"];
  const words = [...new Set(commonWords.split(/\s+/).filter(Boolean))];
  const vocabulary = [
    ...specialTokens,
    ...characters,
    ...characters.map((character) => `##${character}`),
    ...punctuation,
    ...words.filter((word) => word.length > 1),
  ];
  return [...new Set(vocabulary)];
}

/** `tokenizer.json` in the Hugging Face tokenizers format (WordPiece model, BERT normalizer and pre-tokenizer). */
export function tinyTokenizerJson(vocabulary: readonly string[]): Record<string, unknown> {
  const ids = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: ids[token], tokens: [token], ids: [ids[token]] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: specialTokens.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": { ...special("[CLS]"), id: "[CLS]" }, "[SEP]": { ...special("[SEP]"), id: "[SEP]" } },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

/** `tokenizer_config.json`: the tokenizer class, its special tokens and the longest input. */
export function tinyTokenizerConfigJson(maxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: maxLength,
    clean_up_tokenization_spaces: true,
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    mask_token: "[MASK]",
  };
}
