import { ChatMessage, type LoadContext, type ToolCallPart, TramaError } from "@trama/core";
import type { JSONSchema, ToolDefinition } from "@trama/provider";

/** What a tool sees when it runs: cancellation, its call id, and the agent state it may read and write. */
export interface ToolContext {
  readonly signal: AbortSignal;
  readonly callId: string;
  readonly state: Record<string, unknown>;
}

/** A function a model may call, described by a JSON Schema of its arguments. */
export interface Tool<Args = any> {
  readonly name: string;
  readonly description?: string;
  readonly parameters: JSONSchema;
  invoke(args: Args, context: ToolContext): unknown | Promise<unknown>;
}

/** Checks and returns a tool: names are what providers accept (letters, digits, `_` and `-`, up to 64). */
export function defineTool<Args = any>(tool: Tool<Args>): Tool<Args> {
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name)) {
    throw new TramaError(`Tool name '${tool.name}' is invalid: use up to 64 letters, digits, '_' or '-'.`);
  }
  if (tool.parameters?.type !== "object") {
    throw new TramaError(`Tool '${tool.name}' needs parameters described by a JSON Schema of type "object".`);
  }
  return tool;
}

/** How tools are saved in pipeline files: by name, resolved through the loading registry's tools. */
export function toolNames(tools: readonly Tool[]): string[] {
  return tools.map((tool) => tool.name);
}

/** Tools of saved parameters: names resolved through the registry (`registry.addTools(...)`), or tools as given. */
export function toolsFromConfig(value: unknown, context: LoadContext): Tool[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new TramaError(`'${context.path}.tools' must be a list of tool names.`);
  return value.map((item) => (typeof item === "string" ? context.registry.tool<Tool>(item) : (item as Tool)));
}

/** What the model is told about the tools. */
export function toolDefinitions(tools: readonly Tool[]): ToolDefinition[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters }));
}

/**
 * Runs the calls of one assistant message, in parallel, and returns one tool message per call, in call order.
 * A failing tool, an unknown tool or arguments that miss required fields become error results the model can read
 * and correct, unless `raiseOnFailure` is set. Results that are not strings are sent as JSON.
 */
export async function invokeToolCalls(
  calls: readonly ToolCallPart[],
  tools: readonly Tool[],
  context: { signal: AbortSignal; state: Record<string, unknown>; raiseOnFailure?: boolean },
): Promise<ChatMessage[]> {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return Promise.all(
    calls.map(async (call) => {
      const tool = byName.get(call.name);
      try {
        if (!tool)
          throw new TramaError(
            `there is no tool '${call.name}'; the tools are: ${[...byName.keys()].join(", ") || "none"}`,
          );
        const missing = ((tool.parameters.required as string[] | undefined) ?? []).filter(
          (name) => !(name in call.arguments),
        );
        if (missing.length) throw new TramaError(`missing required arguments: ${missing.join(", ")}`);
        const result = await tool.invoke(call.arguments, {
          signal: context.signal,
          callId: call.id,
          state: context.state,
        });
        return ChatMessage.tool(typeof result === "string" ? result : JSON.stringify(result ?? null), call.id, {
          name: call.name,
        });
      } catch (error) {
        if (context.raiseOnFailure || context.signal.aborted) throw error;
        return ChatMessage.tool(`Error: ${error instanceof Error ? error.message : String(error)}`, call.id, {
          name: call.name,
          isError: true,
        });
      }
    }),
  );
}
