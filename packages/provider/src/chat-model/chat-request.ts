import type { ChatMessage } from "@trama/core";

/** A JSON Schema object describing tool parameters or structured output. */
export type JSONSchema = Record<string, unknown>;

/** A tool the model may call. */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JSONSchema;
}

/** Whether and which tools the model must call. */
export type ToolChoice = "auto" | "none" | "required" | { tool: string };

/** Ask for JSON output, optionally matching a schema (where the provider supports it; a warning otherwise). */
export interface ResponseFormat {
  type: "json";
  schema?: JSONSchema;
  name?: string;
}

/** One call to a chat model. */
export interface ChatRequest {
  messages: readonly ChatMessage[];
  tools?: readonly ToolDefinition[];
  toolChoice?: ToolChoice;
  responseFormat?: ResponseFormat;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string[];
  /** Provider-specific options, passed through by the provider that knows them. */
  providerOptions?: Record<string, unknown>;
  /** Extra HTTP headers for remote providers. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}
