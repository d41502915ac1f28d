/**
 * The parts of Ollama's native API (`/api/chat`, `/api/embed`) this package speaks, as they travel on the wire.
 * @module
 */

/** A tool call as Ollama sends it: arguments are a JSON object, not a string; `id` only from newer servers. */
export interface OllamaToolCall {
  id?: string;
  function: { index?: number; name: string; arguments: Record<string, unknown> | null | undefined };
}

/** One message of `/api/chat`, in either direction. */
export interface OllamaMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  thinking?: string;
  /** Base64 images, without a `data:` prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  /** On `tool` messages: the tool whose result this is. */
  tool_name?: string;
  tool_call_id?: string;
}

/** A tool offered to the model. */
export interface OllamaTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** The body of `POST /api/chat`. */
export interface OllamaChatRequestBody {
  model: string;
  messages: OllamaMessage[];
  stream: boolean;
  tools?: OllamaTool[];
  /** `"json"` or a JSON schema. */
  format?: "json" | Record<string, unknown>;
  options?: Record<string, unknown>;
  think?: boolean | string;
  keep_alive?: string | number;
  [key: string]: unknown;
}

/** A non-streaming response, or one line of a stream (the last one has `done: true` and the counts). */
export interface OllamaChatChunk {
  model?: string;
  created_at?: string;
  message?: Partial<OllamaMessage>;
  done?: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  /** An error reported in a 200 body or in the middle of a stream. */
  error?: string;
  /** The HTTP status of an error reported mid-stream, when the server gives one. */
  status?: number;
}

/** The response of `POST /api/embed`. */
export interface OllamaEmbedResponse {
  model?: string;
  embeddings?: number[][];
  prompt_eval_count?: number;
  error?: string;
}
