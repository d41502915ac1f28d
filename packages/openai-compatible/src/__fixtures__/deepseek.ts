/**
 * DeepSeek bodies and streams in thinking mode, shaped as in its API reference: `reasoning_content` beside `content`,
 * cache counts in `usage`.
 * @module
 */

const usage = {
  prompt_tokens: 22,
  completion_tokens: 270,
  total_tokens: 292,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 252 },
  prompt_cache_hit_tokens: 0,
  prompt_cache_miss_tokens: 22,
};

/** A non-streaming answer with its chain of thought. */
export const reasoningCompletion = {
  id: "930c60df-bf64-41c9-a88e-3ec75f81e00e",
  object: "chat.completion",
  created: 1737521000,
  model: "deepseek-reasoner",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "9.8 is greater than 9.11.",
        reasoning_content: "Compare the tenths: 8 is more than 1, so 9.8 is greater.",
      },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage,
  system_fingerprint: "fp_7e73fd9a08",
};

const chunk = (delta: object, finishReason: string | null = null, extra: object = {}) => ({
  id: "1f633d8bfc032625086f14113c411638",
  object: "chat.completion.chunk",
  created: 1737521001,
  model: "deepseek-reasoner",
  system_fingerprint: "fp_7e73fd9a08",
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  ...extra,
});

/** A streamed answer: `reasoning_content` deltas, then `content` deltas; usage on the last chunk. */
export const reasoningStream = [
  chunk({ role: "assistant", content: null, reasoning_content: "" }),
  chunk({ content: null, reasoning_content: "Compare the tenths:" }),
  chunk({ content: null, reasoning_content: " 8 > 1." }),
  chunk({ content: "9.8 is greater.", reasoning_content: null }),
  chunk({ content: "", reasoning_content: null }, "stop", { usage }),
  "[DONE]",
];

/** A tool call made while thinking. */
export const toolCallCompletion = {
  id: "b7f1a3c2-5d4e-4f6a-9b8c-7d6e5f4a3b2c",
  object: "chat.completion",
  created: 1737521002,
  model: "deepseek-reasoner",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "",
        reasoning_content: "I need the weather first.",
        tool_calls: [
          {
            index: 0,
            id: "call_00_Kc5WvJ3rN8mT2pQ7xL4sB9dF",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"Hangzhou"}' },
          },
        ],
      },
      finish_reason: "tool_calls",
    },
  ],
  usage,
};
