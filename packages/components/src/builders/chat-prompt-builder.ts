import { ChatMessage, chatMessageType, defineComponent, PipelineInputError, t } from "@trama/core";
import { compileTemplate } from "../templates/jinja.js";
import { collectVariables, type TemplateSockets, type VariableSockets, variableSockets } from "./template-inputs.js";

export interface ChatPromptBuilderParams {
  /** Messages whose text (system and user messages) is a Jinja template. May be given per run instead. */
  template?: Array<ChatMessage | Parameters<typeof ChatMessage.fromJSON>[0]>;
  /** The variables to expose as inputs; by default those the template messages read. */
  variables?: string[];
  /** Variables that must be given (`"*"` for all); the others default to an empty string. */
  requiredVariables?: string[] | "*";
}

function messagesOf(template: ChatPromptBuilderParams["template"]): ChatMessage[] {
  return (template ?? []).map((message) => (message instanceof ChatMessage ? message : ChatMessage.fromJSON(message)));
}

/**
 * Renders chat messages from templates: the text of system and user messages is a Jinja template over the inputs;
 * other messages pass through unchanged. Sandboxed: no code execution.
 */
export const ChatPromptBuilder = defineComponent({
  type: "trama.ChatPromptBuilder",
  state: (params: ChatPromptBuilderParams) => ({ messages: messagesOf(params.template) }),
  inputs: (params: ChatPromptBuilderParams): VariableSockets & TemplateSockets<ChatMessage[]> => {
    const found = messagesOf(params.template).flatMap((message) =>
      message.text ? compileTemplate(message.text).variables : [],
    );
    return {
      ...variableSockets(params.variables ?? [...new Set(found)], params.requiredVariables),
      template: t.list(chatMessageType).optional(),
      templateVariables: t.record(t.any).optional(),
    };
  },
  outputs: { prompt: t.list(chatMessageType) },
  run: (inputs, { params, state }, context) => {
    const messages = inputs.template ?? state.messages;
    if (messages.length === 0) {
      throw new PipelineInputError(
        `'${context.component}' has no template: give ChatPromptBuilder a list of messages, at construction or as the 'template' input.`,
      );
    }
    const declared = params.variables ?? [];
    const variables = collectVariables(inputs, params.requiredVariables, declared, context.component);
    const prompt = messages.map((message) => {
      if (message.role !== "user" && message.role !== "system") return message;
      if (message.text === undefined)
        throw new PipelineInputError(`'${context.component}' got a ${message.role} message without text to render.`);
      const text = compileTemplate(message.text).render(variables);
      return new ChatMessage(message.role, [{ type: "text", text }], { name: message.name, meta: { ...message.meta } });
    });
    return { prompt };
  },
});
