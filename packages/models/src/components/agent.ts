import {
  ChatMessage,
  type Component,
  chatMessageType,
  type LoadContext,
  type RunContext,
  TramaError,
  t,
} from "@trama/core";
import { invokeToolCalls, type Tool, toolNames, toolsFromConfig } from "../tools/tool.js";
import { ChatGenerator, type ChatGeneratorParams } from "./chat-generator.js";

export interface AgentParams {
  /** The generator, or its parameters (`{ model: "ollama:qwen2.5:7b", temperature: 0 }`). */
  generator: ChatGenerator | ChatGeneratorParams;
  tools: Tool[];
  /** Prepended as a system message when the conversation has none. */
  systemPrompt?: string;
  /**
   * When to stop: `"text"` stops at a reply without tool calls; a tool name stops right after that tool ran (its
   * result is then the answer, as with a `final_answer` tool). Default `["text"]`.
   */
  exitConditions?: string[];
  /** Model calls at most; the run then stops with `stopReason: "max-steps"`. Default 10. */
  maxSteps?: number;
  /** Initial state that tools read and write through `context.state`. */
  state?: Record<string, unknown>;
  /** Fail the run when a tool throws, instead of telling the model. */
  raiseOnToolFailure?: boolean;
}

/** Why an agent run ended. */
export type StopReason = "text" | "exit-tool" | "max-steps";

/**
 * A chat model and tools in a loop: the model answers or asks for tools, the agent runs the tools (in parallel) and
 * feeds their results back, until an exit condition or the step limit. Tools share a state object the run returns.
 * Streams tokens, tool calls and tool results as `node-chunk` events.
 */
export class Agent implements Component {
  static readonly type = "trama.Agent";
  readonly type = Agent.type;
  readonly inputs = { messages: t.list(chatMessageType), state: t.record(t.any).optional() };
  readonly outputs = {
    messages: t.list(chatMessageType),
    lastMessage: chatMessageType,
    state: t.record(t.any),
    stopReason: t.string,
  };
  readonly generator: ChatGenerator;
  readonly params: AgentParams;

  constructor(params: AgentParams) {
    this.params = params;
    this.generator = params.generator instanceof ChatGenerator ? params.generator : new ChatGenerator(params.generator);
    const names = new Set<string>();
    for (const tool of params.tools) {
      if (names.has(tool.name)) throw new TramaError(`Two of the agent's tools are named '${tool.name}'.`);
      names.add(tool.name);
    }
    for (const condition of params.exitConditions ?? []) {
      if (condition !== "text" && !names.has(condition)) {
        throw new TramaError(
          `Exit condition '${condition}' is neither "text" nor one of the tools: ${[...names].join(", ")}.`,
        );
      }
    }
  }

  async warmUp(): Promise<void> {
    await this.generator.warmUp();
  }

  /** The generator as its parameters and tools by name, as pipeline files hold them. */
  toConfig(): Record<string, unknown> {
    return { ...this.params, generator: this.generator.toConfig(), tools: toolNames(this.params.tools) };
  }

  static fromConfig(config: Record<string, unknown>, context: LoadContext): Agent {
    return new Agent({
      ...(config as unknown as AgentParams),
      generator: ChatGenerator.fromConfig((config.generator ?? {}) as Record<string, unknown>, context),
      tools: toolsFromConfig(config.tools, context) ?? [],
    });
  }

  async run(inputs: { messages: ChatMessage[]; state?: Record<string, unknown> }, context: RunContext) {
    const exits = new Set(this.params.exitConditions ?? ["text"]);
    const maxSteps = this.params.maxSteps ?? 10;
    const state: Record<string, unknown> = { ...(this.params.state ?? {}), ...(inputs.state ?? {}) };
    const messages = [...inputs.messages];
    if (this.params.systemPrompt && !messages.some((message) => message.role === "system")) {
      messages.unshift(ChatMessage.system(this.params.systemPrompt));
    }
    let stopReason: StopReason = "max-steps";
    for (let step = 1; step <= maxSteps; step++) {
      const { replies } = await this.generator.run({ messages, tools: this.params.tools }, context);
      const reply = replies[0]!;
      messages.push(reply);
      const calls = reply.toolCalls;
      if (calls.length === 0) {
        // A reply without tool calls ends the run: there is nothing left to do for the tools.
        stopReason = "text";
        break;
      }
      if (context.streaming) for (const call of calls) context.emit({ type: "tool-call", call });
      const results = await invokeToolCalls(calls, this.params.tools, {
        signal: context.signal,
        state,
        raiseOnFailure: this.params.raiseOnToolFailure,
      });
      messages.push(...results);
      if (context.streaming)
        for (const result of results) context.emit({ type: "tool-result", result: result.toolResults[0] });
      if (calls.some((call) => exits.has(call.name))) {
        stopReason = "exit-tool";
        break;
      }
    }
    return { messages, lastMessage: messages[messages.length - 1]!, state, stopReason };
  }
}
