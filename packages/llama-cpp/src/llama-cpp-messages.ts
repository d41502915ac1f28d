/**
 * Translation between Trama's chat messages and node-llama-cpp's chat history, tool definitions and responses.
 * @module
 */
import type { ChatMessage, ContentPart, ToolCallPart } from "@trama/core";
import type { ChatRequest, FinishReason, Warning } from "@trama/provider";
import type {
  ChatHistoryItem,
  ChatModelFunctionCall,
  ChatModelFunctions,
  ChatModelResponse,
  GbnfJsonSchema,
  LlamaChatResponse,
} from "node-llama-cpp";

/**
 * node-llama-cpp's chat history for `messages`. An assistant message's tool calls become function calls of the model
 * response, each carrying the result of the `tool` message with its call id; the assistant text that follows the
 * results continues the same model response, as node-llama-cpp's chat wrappers render it. Images are dropped with a
 * warning (node-llama-cpp 3 runs text models only).
 */
export function toChatHistory(messages: readonly ChatMessage[]): { history: ChatHistoryItem[]; warnings: Warning[] } {
  const history: ChatHistoryItem[] = [];
  const warnings: Warning[] = [];
  const calls = new Map<string, ChatModelFunctionCall>();
  const textOf = (message: ChatMessage) => {
    if (message.content.some((part) => part.type === "image") && !warnings.some((w) => w.feature === "images")) {
      warnings.push({ type: "unsupported", feature: "images", details: "llama.cpp chat models here take text only" });
    }
    return message.text ?? "";
  };
  for (const message of messages) {
    if (message.role === "system") history.push({ type: "system", text: textOf(message) });
    else if (message.role === "user") history.push({ type: "user", text: textOf(message) });
    else if (message.role === "assistant") {
      const previous = history.at(-1);
      const continues = previous?.type === "model" && endsWithCall(previous);
      const response: ChatModelResponse["response"] = continues ? previous.response : [];
      let first = true;
      for (const part of message.content) {
        if (part.type === "text") response.push(part.text);
        else if (part.type === "reasoning" && !part.redacted) {
          response.push({ type: "segment", segmentType: "thought", text: part.text, ended: true });
        } else if (part.type === "tool-call") {
          const call: ChatModelFunctionCall = {
            type: "functionCall",
            name: part.name,
            params: part.arguments,
            result: null,
            ...(first ? { startsNewChunk: true } : {}),
          };
          first = false;
          calls.set(part.id, call);
          response.push(call);
        }
      }
      if (!continues) history.push({ type: "model", response });
    } else {
      for (const part of message.content) {
        if (part.type !== "tool-result") continue;
        const call = calls.get(part.callId);
        if (!call) {
          warnings.push({
            type: "unsupported",
            feature: "tool-result",
            details: `no tool call with id ${part.callId}`,
          });
          continue;
        }
        call.result = part.isError ? `Error: ${part.result}` : part.result;
      }
    }
  }
  return { history, warnings };
}

function endsWithCall(item: ChatModelResponse): boolean {
  const last = item.response.at(-1);
  return typeof last === "object" && last.type === "functionCall";
}

/**
 * node-llama-cpp functions for the request's tools, by `toolChoice`: none for `"none"`, only the named tool for
 * `{ tool }`. node-llama-cpp cannot force a call, so `"required"` and `{ tool }` come with a warning.
 */
export function toFunctions(request: ChatRequest, warnings: Warning[]): ChatModelFunctions | undefined {
  const choice = request.toolChoice ?? "auto";
  if (!request.tools?.length || choice === "none") return undefined;
  const tools = typeof choice === "object" ? request.tools.filter((tool) => tool.name === choice.tool) : request.tools;
  if (choice !== "auto") {
    warnings.push({
      type: "unsupported",
      feature: "toolChoice",
      details: "node-llama-cpp lets the model decide whether to call a tool; it cannot force a call",
    });
  }
  const functions: Record<string, { description?: string; params?: GbnfJsonSchema }> = {};
  for (const tool of tools) {
    functions[tool.name] = {
      ...(tool.description ? { description: tool.description } : {}),
      params: tool.parameters as GbnfJsonSchema,
    };
  }
  return functions;
}

/** The response's parts in Trama's order: reasoning, text, tool calls (the `index`-th call gets `callId(index)`). */
export function toResponseParts(
  result: LlamaChatResponse<ChatModelFunctions | undefined>,
  callId: (index: number) => string,
): ContentPart[] {
  const parts: ContentPart[] = [];
  const reasoning = result.fullResponse
    .filter((item) => typeof item !== "string" && item.segmentType === "thought")
    .map((item) => (item as { text: string }).text)
    .join("");
  if (reasoning) parts.push({ type: "reasoning", text: reasoning });
  if (result.response) parts.push({ type: "text", text: result.response });
  (result.functionCalls ?? []).forEach((call, index) => {
    const argumentsObject = (call.params ?? {}) as Record<string, unknown>;
    const part: ToolCallPart = {
      type: "tool-call",
      id: callId(index),
      name: call.functionName,
      arguments: argumentsObject,
      rawArguments: JSON.stringify(argumentsObject),
    };
    parts.push(part);
  });
  return parts;
}

/** node-llama-cpp's stop reason as a finish reason. */
export function toFinishReason(stopReason: LlamaChatResponse["metadata"]["stopReason"]): FinishReason {
  const unified: FinishReason["unified"] =
    stopReason === "maxTokens"
      ? "length"
      : stopReason === "functionCalls"
        ? "tool-calls"
        : stopReason === "abort"
          ? "other"
          : "stop";
  return { unified, raw: stopReason };
}
