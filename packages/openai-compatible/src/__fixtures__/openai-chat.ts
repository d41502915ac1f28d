/**
 * OpenAI chat completions bodies and streams, shaped as in the API reference (`POST /v1/chat/completions`).
 * @module
 */

/** A plain text answer. */
export const textCompletion = {
  id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
  object: "chat.completion",
  created: 1741570283,
  model: "gpt-4.1-mini-2025-04-14",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "The capital of France is Paris.", refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 1117,
    completion_tokens: 46,
    total_tokens: 1163,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 12,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
  service_tier: "default",
  system_fingerprint: "fp_fc9f1d7035",
};

/** Two parallel tool calls. */
export const parallelToolCallsCompletion = {
  id: "chatcmpl-BcQ8ko2nz9B7CRvV0uVbcowidHpQU",
  object: "chat.completion",
  created: 1748496646,
  model: "gpt-4.1-mini-2025-04-14",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: null,
        refusal: null,
        tool_calls: [
          {
            id: "call_qOfTGgDrItLORNfC6VwUbyLL",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"Paris"}' },
          },
          {
            id: "call_9XTgPe1VmKhpUPOqzrfSZ1tT",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"Tokyo"}' },
          },
        ],
      },
      logprobs: null,
      finish_reason: "tool_calls",
    },
  ],
  usage: { prompt_tokens: 91, completion_tokens: 48, total_tokens: 139 },
};

/** JSON output for a schema. */
export const structuredCompletion = {
  id: "chatcmpl-AOX3g2pS5vbPzt7rSfm9dDzdXnYgB",
  object: "chat.completion",
  created: 1730396888,
  model: "gpt-4.1-mini-2025-04-14",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: '{"city":"Paris","population":2102650}', refusal: null },
      finish_reason: "stop",
    },
  ],
  usage: { prompt_tokens: 61, completion_tokens: 14, total_tokens: 75 },
};

const chunk = (delta: object, finishReason: string | null = null) => ({
  id: "chatcmpl-BwoiPTGRbKkY5rncfaM0s9KtWrq5N",
  object: "chat.completion.chunk",
  created: 1753357673,
  model: "gpt-4.1-mini-2025-04-14",
  service_tier: "default",
  system_fingerprint: "fp_51e1070cf2",
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  usage: null,
});

/** The usage chunk `stream_options.include_usage` adds before `[DONE]`: no choices. */
const usageChunk = (usage: object) => ({
  id: "chatcmpl-BwoiPTGRbKkY5rncfaM0s9KtWrq5N",
  object: "chat.completion.chunk",
  created: 1753357673,
  model: "gpt-4.1-mini-2025-04-14",
  choices: [],
  usage,
});

/** A streamed text answer with the usage chunk. */
export const textStream = [
  chunk({ role: "assistant", content: "", refusal: null }),
  chunk({ content: "The capital" }),
  chunk({ content: " of France" }),
  chunk({ content: " is Paris." }),
  chunk({}, "stop"),
  usageChunk({
    prompt_tokens: 14,
    completion_tokens: 8,
    total_tokens: 22,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  }),
  "[DONE]",
];

/** Two parallel tool calls streamed: id and name first, then argument fragments, per index. */
export const toolCallStream = [
  chunk({
    role: "assistant",
    content: null,
    tool_calls: [
      {
        index: 0,
        id: "call_qOfTGgDrItLORNfC6VwUbyLL",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"loc' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: 'ation":"Paris"}' } }] }),
  chunk({
    tool_calls: [
      {
        index: 1,
        id: "call_9XTgPe1VmKhpUPOqzrfSZ1tT",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
    ],
  }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: '{"location":' } }] }),
  chunk({ tool_calls: [{ index: 1, function: { arguments: '"Tokyo"}' } }] }),
  chunk({}, "tool_calls"),
  usageChunk({ prompt_tokens: 91, completion_tokens: 48, total_tokens: 139 }),
  "[DONE]",
];

/** A text stream chunk with another finish reason (for the finish reason cases). */
export function streamEndingWith(finishReason: string): Array<object | string> {
  return [
    chunk({ role: "assistant", content: "Partial" }),
    chunk({}, finishReason),
    usageChunk({ prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 }),
    "[DONE]",
  ];
}

/** A body with a given finish reason (for the finish reason cases). */
export function completionEndingWith(finishReason: string | null): object {
  return { ...textCompletion, choices: [{ ...textCompletion.choices[0], finish_reason: finishReason }] };
}

/** OpenAI's error body for a bad request. */
export const invalidRequestError = {
  error: {
    message: "Invalid value for 'temperature': must be between 0 and 2.",
    type: "invalid_request_error",
    param: "temperature",
    code: "invalid_value",
  },
};

/** OpenAI's error body for a rate limit. */
export const rateLimitError = {
  error: {
    message: "Rate limit reached for gpt-4.1-mini on requests per min (RPM): Limit 500, Used 500, Requested 1.",
    type: "requests",
    param: null,
    code: "rate_limit_exceeded",
  },
};

/** OpenAI's error body for a server fault. */
export const serverError = {
  error: {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    param: null,
    code: null,
  },
};
