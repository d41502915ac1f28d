import { type ChatMessage, type Component, chatMessageType, type LoadContext, type RunContext, t } from "@trama/core";
import { invokeToolCalls, type Tool, toolNames, toolsFromConfig } from "../tools/tool.js";

/**
 * Runs the tool calls of the last assistant message and returns one tool message per call, to send back to the
 * model. For pipelines that loop generator → invoker → generator by hand; the Agent component does the same loop.
 */
export class ToolInvoker implements Component {
  static readonly type = "trama.ToolInvoker";
  readonly type = ToolInvoker.type;
  readonly inputs = { messages: t.list(chatMessageType), state: t.record(t.any).optional() };
  readonly outputs = { toolMessages: t.list(chatMessageType), state: t.record(t.any) };
  readonly tools: Tool[];
  readonly raiseOnFailure: boolean;

  constructor(params: { tools: Tool[]; raiseOnFailure?: boolean }) {
    this.tools = params.tools;
    this.raiseOnFailure = params.raiseOnFailure ?? false;
  }

  /** Tools are saved by name and resolved through the loading registry's tools. */
  toConfig(): Record<string, unknown> {
    return { tools: toolNames(this.tools), ...(this.raiseOnFailure ? { raiseOnFailure: true } : {}) };
  }

  static fromConfig(config: Record<string, unknown>, context: LoadContext): ToolInvoker {
    return new ToolInvoker({
      tools: toolsFromConfig(config.tools, context) ?? [],
      raiseOnFailure: config.raiseOnFailure === true,
    });
  }

  async run(inputs: { messages: ChatMessage[]; state?: Record<string, unknown> }, context: RunContext) {
    const last = [...inputs.messages].reverse().find((message) => message.role === "assistant");
    const state = { ...(inputs.state ?? {}) };
    const toolMessages = last
      ? await invokeToolCalls(last.toolCalls, this.tools, {
          signal: context.signal,
          state,
          raiseOnFailure: this.raiseOnFailure,
        })
      : [];
    return { toolMessages, state };
  }
}
