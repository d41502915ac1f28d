import type { ResponseFormat, ToolChoice, ToolDefinition } from "@trama/provider";
import type { AnthropicTool, AnthropicToolChoice } from "./anthropic-api.js";

/**
 * The name of the tool that carries structured output. Anthropic's Messages API (version 2023-06-01) has no JSON
 * schema mode, so a JSON response format becomes a tool named `json` whose `input_schema` is the schema, and the
 * model is made to call it; the tool's input is returned as the message text.
 */
export const JSON_TOOL_NAME = "json";

/** Anthropic's tools and tool choice for a request. */
export interface PreparedAnthropicTools {
  tools: AnthropicTool[] | undefined;
  toolChoice: AnthropicToolChoice | undefined;
  /** Whether the `json` tool carries the answer (its input is the text, its call is not a tool call). */
  structuredOutput: boolean;
}

/**
 * Maps tools and tool choice: `auto` → `auto`, `required` → `any`, `{ tool }` → `tool`, `none` → `none`. A JSON
 * response format adds the `json` tool (schema `{ type: "object" }` when none is given) and forces it, or forces
 * some tool when other tools are present. With thinking on, Anthropic refuses forced tool use, so the choice stays
 * `auto` and the model is trusted to call `json`.
 */
export function prepareAnthropicTools(options: {
  tools: readonly ToolDefinition[] | undefined;
  toolChoice: ToolChoice | undefined;
  responseFormat: ResponseFormat | undefined;
  thinking: boolean;
}): PreparedAnthropicTools {
  const userTools = options.toolChoice === "none" && options.responseFormat ? [] : (options.tools ?? []);
  const tools: AnthropicTool[] = userTools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: tool.parameters,
  }));

  if (options.responseFormat?.type === "json") {
    tools.push({
      name: JSON_TOOL_NAME,
      description: options.responseFormat.name
        ? `Respond with a JSON object: ${options.responseFormat.name}.`
        : "Respond with a JSON object.",
      input_schema: options.responseFormat.schema ?? { type: "object" },
    });
    return { tools, toolChoice: structuredChoice(options, tools.length > 1), structuredOutput: true };
  }

  if (!tools.length) return { tools: undefined, toolChoice: undefined, structuredOutput: false };
  return { tools, toolChoice: mapToolChoice(options.toolChoice), structuredOutput: false };
}

function structuredChoice(options: { toolChoice?: ToolChoice; thinking: boolean }, otherTools: boolean) {
  if (options.thinking) return { type: "auto" } as const;
  if (!otherTools) return { type: "tool", name: JSON_TOOL_NAME } as const;
  const choice = options.toolChoice;
  return typeof choice === "object" ? ({ type: "tool", name: choice.tool } as const) : ({ type: "any" } as const);
}

function mapToolChoice(choice: ToolChoice | undefined): AnthropicToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice === "auto") return { type: "auto" };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any" };
  return { type: "tool", name: choice.tool };
}
