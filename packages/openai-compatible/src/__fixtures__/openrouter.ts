/**
 * OpenRouter bodies and streams, shaped as in its API reference: `reasoning` deltas, keep-alive comments, usage with
 * `cost`, errors inside a 200 body and in the middle of a stream.
 * @module
 */

const chunk = (delta: object, finishReason: string | null = null) => ({
  id: "gen-1763906400-Xq2mL8vTnB3kR7pW9sYz",
  provider: "OpenAI",
  model: "openai/gpt-5.1",
  object: "chat.completion.chunk",
  created: 1763906400,
  choices: [{ index: 0, delta, finish_reason: finishReason, native_finish_reason: finishReason, logprobs: null }],
});

/** Usage as OpenRouter reports it, with the cost in credits. */
export const openRouterUsage = {
  prompt_tokens: 194,
  completion_tokens: 312,
  total_tokens: 506,
  cost: 0.00337,
  is_byok: false,
  prompt_tokens_details: { cached_tokens: 128, audio_tokens: 0 },
  cost_details: {
    upstream_inference_cost: null,
    upstream_inference_prompt_cost: 0.0002,
    upstream_inference_completions_cost: 0.00317,
  },
  completion_tokens_details: { reasoning_tokens: 256, image_tokens: 0 },
};

/** A stream with reasoning first, keep-alive comments between events, and usage with cost. */
export const reasoningStream = [
  { comment: "OPENROUTER PROCESSING" },
  chunk({ role: "assistant", content: "", reasoning: "The user asks" }),
  { comment: "OPENROUTER PROCESSING" },
  chunk({ role: "assistant", content: "", reasoning: " for 9.11 vs 9.8." }),
  chunk({ role: "assistant", content: "9.8 is larger." }),
  chunk({ role: "assistant", content: "" }, "stop"),
  { ...chunk({ role: "assistant", content: "" }), choices: [], usage: openRouterUsage },
  "[DONE]",
];

/** A non-streaming answer with reasoning and usage with cost. */
export const reasoningCompletion = {
  id: "gen-1763906401-Pq7rS2tUvW4xY6zA8bCd",
  provider: "OpenAI",
  model: "openai/gpt-5.1",
  object: "chat.completion",
  created: 1763906401,
  choices: [
    {
      logprobs: null,
      finish_reason: "stop",
      native_finish_reason: "completed",
      index: 0,
      message: {
        role: "assistant",
        content: "9.8 is larger.",
        refusal: null,
        reasoning: "The user asks for 9.11 vs 9.8.",
        reasoning_details: [
          { type: "reasoning.text", text: "The user asks for 9.11 vs 9.8.", index: 0, format: "unknown" },
        ],
      },
    },
  ],
  usage: openRouterUsage,
};

/** An error inside a 200 body: the upstream provider failed after OpenRouter accepted the request. */
export const errorInBody = {
  error: {
    code: 502,
    message: "Provider returned error",
    metadata: { raw: "upstream connect error or disconnect/reset before headers", provider_name: "Together" },
  },
  user_id: "user_2yRk8vQmN3pL5tX7wZ9aB1cD4eF",
};

/** A stream that fails after tokens were sent: an error chunk with `finish_reason: "error"`. */
export const midStreamErrorStream = [
  chunk({ role: "assistant", content: "The answer" }),
  chunk({ content: " is" }),
  {
    id: "gen-1763906400-Xq2mL8vTnB3kR7pW9sYz",
    object: "chat.completion.chunk",
    created: 1763906400,
    model: "openai/gpt-5.1",
    provider: "openai",
    error: { code: "server_error", message: "Provider disconnected unexpectedly" },
    choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
  },
];
