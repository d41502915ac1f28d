/**
 * `@trama/gemini`: Google Gemini chat and embedding models through the Gemini API, and the `gemini:` shorthand.
 * @module
 */
export { convertToGeminiContents, type GeminiPrompt } from "./convert-to-gemini-contents.js";
export type {
  GeminiContent,
  GeminiPart,
  GeminiRequestBody,
  GeminiResponse,
  GeminiUsageMetadata,
} from "./gemini-api.js";
export { GeminiChatModel, type GeminiProviderOptions } from "./gemini-chat-model.js";
export { DEFAULT_GEMINI_BASE_URL, GEMINI_API_KEY_VARIABLES, type GeminiOptions } from "./gemini-config.js";
export {
  GEMINI_MAX_EMBEDDING_BATCH,
  GeminiEmbeddingModel,
  type GeminiEmbeddingOptions,
} from "./gemini-embedding-model.js";
export { gemini, providers } from "./gemini-provider.js";
export { convertGeminiUsage } from "./gemini-usage.js";
export { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";
