/**
 * `@trama/components`: prompt builders, routers, joiners and adapters for Trama pipelines.
 * @module
 */
export { AnswerBuilder, type AnswerBuilderParams } from "./builders/answer-builder.js";
export { ChatPromptBuilder, type ChatPromptBuilderParams } from "./builders/chat-prompt-builder.js";
export { PromptBuilder, type PromptBuilderParams } from "./builders/prompt-builder.js";
export { components } from "./components.js";
export { OutputAdapter, type OutputAdapterParams } from "./converters/output-adapter.js";
export { AnswerJoiner } from "./joiners/answer-joiner.js";
export { BranchJoiner, type BranchJoinerParams } from "./joiners/branch-joiner.js";
export {
  DocumentJoiner,
  type DocumentJoinerParams,
  type JoinMode,
  joinDocuments,
} from "./joiners/document-joiner.js";
export { ListJoiner, type ListJoinerParams } from "./joiners/list-joiner.js";
export { StringJoiner } from "./joiners/string-joiner.js";
export {
  ConditionalRouter,
  type ConditionalRouterParams,
  NoRouteSelectedError,
  type Route,
} from "./routers/conditional-router.js";
export { type CompiledTemplate, compileTemplate, TemplateError } from "./templates/jinja.js";
