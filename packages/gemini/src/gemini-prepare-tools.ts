import type { ToolChoice, ToolDefinition } from "@trama/provider";
import type { GeminiFunctionDeclaration, GeminiToolConfig } from "./gemini-api.js";

/** Gemini's tools and tool config for a request. */
export interface PreparedGeminiTools {
  tools: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }> | undefined;
  toolConfig: GeminiToolConfig | undefined;
}

/**
 * Maps tools to function declarations and the tool choice to `functionCallingConfig`: `auto` → `AUTO`, `none` →
 * `NONE`, `required` → `ANY`, `{ tool }` → `ANY` limited to that function.
 *
 * Schemas go in `parametersJsonSchema`, which takes JSON Schema as it is (`$ref`, `anyOf`, `additionalProperties`,
 * `const`, type arrays…), so no conversion to the OpenAPI subset of the older `parameters` field is needed.
 */
export function prepareGeminiTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): PreparedGeminiTools {
  if (!tools?.length) return { tools: undefined, toolConfig: undefined };
  const functionDeclarations = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parametersJsonSchema: tool.parameters,
  }));
  return { tools: [{ functionDeclarations }], toolConfig: toolConfigOf(toolChoice) };
}

function toolConfigOf(choice: ToolChoice | undefined): GeminiToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.tool] } };
}
