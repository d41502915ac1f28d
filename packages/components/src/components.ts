import type { ComponentType } from "@trama/core";
import { AnswerBuilder } from "./builders/answer-builder.js";
import { ChatPromptBuilder } from "./builders/chat-prompt-builder.js";
import { PromptBuilder } from "./builders/prompt-builder.js";
import { OutputAdapter } from "./converters/output-adapter.js";
import { AnswerJoiner } from "./joiners/answer-joiner.js";
import { BranchJoiner } from "./joiners/branch-joiner.js";
import { DocumentJoiner } from "./joiners/document-joiner.js";
import { ListJoiner } from "./joiners/list-joiner.js";
import { StringJoiner } from "./joiners/string-joiner.js";
import { ConditionalRouter } from "./routers/conditional-router.js";

/** The component types `@trama/components` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [
  AnswerBuilder,
  AnswerJoiner,
  BranchJoiner,
  ChatPromptBuilder,
  ConditionalRouter,
  DocumentJoiner,
  ListJoiner,
  OutputAdapter,
  PromptBuilder,
  StringJoiner,
];
