import type { ToolChoice, ToolDefinition, Warning } from "@trama/provider";
import type { OllamaTool } from "./ollama-api-types.js";

/**
 * Translates tool definitions and the tool choice for `/api/chat`. Ollama has no `tool_choice`:
 * - `auto` (or none given) offers every tool;
 * - `none` offers no tool, so the model cannot call one;
 * - `{ tool }` offers only that tool, and `required` offers all of them; neither can force a call, so both add an
 *   `unsupported` warning.
 */
export function prepareOllamaTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): { tools: OllamaTool[] | undefined; warnings: Warning[] } {
  const warnings: Warning[] = [];
  if (!tools?.length || toolChoice === "none") return { tools: undefined, warnings };
  let offered = tools;
  if (toolChoice === "required") {
    warnings.push({
      type: "unsupported",
      feature: "toolChoice",
      details: "Ollama cannot require a tool call; the tools are offered and the model may answer without one.",
    });
  } else if (typeof toolChoice === "object") {
    offered = tools.filter((tool) => tool.name === toolChoice.tool);
    warnings.push({
      type: "unsupported",
      feature: "toolChoice",
      details: `Ollama cannot force a tool call; only '${toolChoice.tool}' is offered and the model may answer without it.`,
    });
  }
  if (!offered.length) return { tools: undefined, warnings };
  return {
    tools: offered.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    })),
    warnings,
  };
}
