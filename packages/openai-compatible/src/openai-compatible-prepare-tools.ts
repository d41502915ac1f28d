import type { ToolChoice, ToolDefinition } from "@trama/provider";

/** A function tool in the request. */
export interface OpenAIFunctionTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** `tool_choice` in the request. */
export type OpenAIToolChoice = "auto" | "none" | "required" | { type: "function"; function: { name: string } };

/**
 * `tools` and `tool_choice` for a request. Without tools neither is sent (servers reject a `tool_choice` alone).
 */
export function prepareOpenAICompatibleTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): { tools?: OpenAIFunctionTool[]; tool_choice?: OpenAIToolChoice } {
  if (!tools?.length) return {};
  return {
    tools: tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    })),
    ...(toolChoice === undefined ? {} : { tool_choice: convertToolChoice(toolChoice) }),
  };
}

function convertToolChoice(choice: ToolChoice): OpenAIToolChoice {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.tool } };
}
