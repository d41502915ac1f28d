/**
 * `@trama/council/web`: the council's web app for the shared Trama server (`trama serve`), and the conversation
 * store it keeps in SQLite.
 *
 * @example
 * ```ts
 * import { startServer } from "@trama/server";
 * import { councilApp } from "@trama/council/web";
 * const server = await startServer({ apps: [councilApp({ council: { members: ["ollama:qwen2.5:3b", "ollama:llama3.2:3b"] } })] });
 * ```
 * @module
 */
export { ConversationStore, type ConversationStoreOptions } from "../conversations/conversation-store.js";
export { ConversationStoreError } from "../conversations/conversation-store-error.js";
export type {
  ConversationSummary,
  StoredConversation,
  StoredTurn,
  TurnStatus,
} from "../conversations/conversation-types.js";
export { defaultConversationDatabase, defaultDataDir } from "../conversations/data-dir.js";
export {
  type ConversationExport,
  conversationToJSON,
  conversationToMarkdown,
} from "../conversations/export-conversation.js";
export { type CouncilAppOptions, councilApp } from "./council-app.js";
export { maxQuestionLength } from "./council-routes.js";
export { type CouncilConfigSource, CouncilRuns, titleFromQuestion } from "./council-runs.js";
export { LiveTurn, type TurnEnding, type TurnListener } from "./live-turn.js";
