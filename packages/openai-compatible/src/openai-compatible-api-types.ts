/**
 * The wire format of OpenAI's chat completions and embeddings, with the fields compatible servers add: reasoning
 * (`reasoning_content` from DeepSeek, vLLM, llama.cpp, LM Studio; `reasoning` from OpenRouter, Ollama, Groq),
 * OpenRouter's `cost` and in-band errors, DeepSeek's cache counts, Groq's `x_groq.usage`, llama.cpp's `timings`.
 * Every field the code reads is optional: servers leave many out.
 * @module
 */

/** A message sent to the server. */
export type OpenAIMessage =
  | { role: "system"; content: string; name?: string }
  | { role: "user"; content: string | OpenAIUserContentPart[]; name?: string }
  | {
      role: "assistant";
      content: string;
      name?: string;
      tool_calls?: OpenAIToolCall[];
      [reasoningField: string]: unknown;
    }
  | { role: "tool"; tool_call_id: string; content: string };

export type OpenAIUserContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } };

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** An error object: in a non-2xx body, in a 200 body, or in a stream chunk (OpenRouter). */
export interface OpenAIErrorObject {
  message?: string;
  type?: string;
  code?: number | string | null;
  param?: string | null;
  metadata?: Record<string, unknown>;
}

export interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  /** DeepSeek's context cache. */
  prompt_cache_hit_tokens?: number;
  /** OpenRouter: what the call cost, in credits (USD). */
  cost?: number;
}

/** llama.cpp server's timings, beside or instead of `usage`. */
export interface LlamaCppTimings {
  prompt_n?: number;
  predicted_n?: number;
  [name: string]: unknown;
}

/** Message content: a string, or (Mistral's reasoning models) an array of text and thinking chunks. */
export type OpenAIResponseContent =
  | string
  | null
  | Array<{ type?: string; text?: string; thinking?: Array<{ type?: string; text?: string }> | string }>;

/** The non-streaming response. */
export interface OpenAIChatResponse {
  id?: string;
  model?: string;
  choices?: Array<{
    index?: number;
    message?: {
      role?: string;
      content?: OpenAIResponseContent;
      reasoning_content?: string | null;
      reasoning?: string | null;
      refusal?: string | null;
      tool_calls?: Array<{ id?: string; type?: string; function?: { name?: string; arguments?: string | object } }>;
    };
    finish_reason?: string | null;
    error?: OpenAIErrorObject;
  }>;
  usage?: OpenAIUsage | null;
  timings?: LlamaCppTimings;
  error?: OpenAIErrorObject;
}

/** One streamed chunk. */
export interface OpenAIChatChunk {
  id?: string;
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      role?: string;
      content?: OpenAIResponseContent;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: Array<{
        index?: number;
        id?: string | null;
        type?: string;
        function?: { name?: string | null; arguments?: string | null };
      }>;
    };
    finish_reason?: string | null;
    error?: OpenAIErrorObject;
  }>;
  usage?: OpenAIUsage | null;
  x_groq?: { usage?: OpenAIUsage };
  timings?: LlamaCppTimings;
  error?: OpenAIErrorObject;
}

/** The response of `POST /embeddings`. */
export interface OpenAIEmbeddingResponse {
  data?: Array<{ index?: number; embedding?: number[] | string }>;
  model?: string;
  usage?: { prompt_tokens?: number; total_tokens?: number };
  error?: OpenAIErrorObject;
}
