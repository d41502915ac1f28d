import { type ComponentType, defineComponent } from "@trama/core";
import { Agent } from "./components/agent.js";
import { ChatGenerator } from "./components/chat-generator.js";
import { DocumentEmbedder, TextEmbedder } from "./components/embedders.js";
import { FallbackChatGenerator } from "./components/fallback-chat-generator.js";
import { ToolInvoker } from "./components/tool-invoker.js";

/** The component types `@trama/models` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [
  defineComponent(ChatGenerator),
  defineComponent(FallbackChatGenerator),
  defineComponent(Agent),
  defineComponent(ToolInvoker),
  defineComponent(TextEmbedder),
  defineComponent(DocumentEmbedder),
];
