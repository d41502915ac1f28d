/** OpenAI chat-completions bodies and stream chunks, built to order for the generator tests. */
export function completion(text: string, extra: Record<string, unknown> = {}) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1741570283,
    model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    ...extra,
  };
}

export function toolCallCompletion(calls: Array<{ id: string; name: string; arguments: Record<string, unknown> }>) {
  return {
    id: "chatcmpl-tools",
    object: "chat.completion",
    created: 1741570283,
    model: "test-model",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: null,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: "function",
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        },
        finish_reason: "tool_calls",
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
  };
}

/** The chunks of a streamed text answer, one per piece, then finish and usage. */
export function textChunks(pieces: string[]) {
  const base = { id: "chatcmpl-stream", object: "chat.completion.chunk", created: 1741570283, model: "test-model" };
  return [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
    ...pieces.map((content) => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    {
      ...base,
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: pieces.length, total_tokens: 10 + pieces.length },
    },
    "[DONE]",
  ];
}

export function embeddingsResponse(vectors: number[][]) {
  return {
    object: "list",
    data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
    model: "test-embedder",
    usage: { prompt_tokens: vectors.length * 3, total_tokens: vectors.length * 3 },
  };
}
