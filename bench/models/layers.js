/**
 * Where Trama's streaming time goes: the same responses read through each layer of the OpenAI-compatible path in
 * turn, from Trama's SSE reader up to the pipeline's `node-chunk` events. What a layer costs is its difference to the
 * layer below; all are measured in the same turns as the raw baseline.
 */
import { PROMPT, tally } from "./clients.js";

/** The layers bottom up, each `[name, stream(mode)]` like the clients; built once the packages import. */
export async function sseLayers(origin) {
  const { ChatMessage, Pipeline } = await import("@trama/core");
  const { ChatGenerator, postJson, readEventBatches, setEndpointConcurrency, streamChat } = await import(
    "@trama/models"
  );
  const { openAICompatible } = await import("@trama/openai-compatible");
  const context = { provider: "bench", modelId: "bench" };
  const url = `${origin}/v1/chat/completions`;
  const messages = [ChatMessage.user(PROMPT)];
  const built = new Map();
  const layersFor = (mode) => {
    let entry = built.get(mode.model);
    if (!entry) {
      const model = openAICompatible(mode.model, { baseURL: `${origin}/v1` });
      setEndpointConcurrency(model.endpoint, 64);
      entry = {
        model,
        generator: new ChatGenerator({ model, maxRetries: 0 }),
        pipeline: new Pipeline().add("llm", new ChatGenerator({ model, maxRetries: 0 })),
      };
      built.set(mode.model, entry);
    }
    return entry;
  };
  const requestBody = (mode) => ({
    model: mode.model,
    messages: [{ role: "user", content: PROMPT }],
    stream: true,
    stream_options: { include_usage: true },
  });
  return [
    [
      "postJson + readEventBatches + JSON.parse",
      async (mode) => {
        const count = tally(performance.now());
        const response = await postJson(url, requestBody(mode), { headers: { accept: "text/event-stream" }, context });
        for await (const batch of readEventBatches(response, url, context)) {
          for (const event of batch) {
            if (event.data !== "[DONE]") count.text(JSON.parse(event.data).choices[0]?.delta?.content);
          }
        }
        return count.done(mode);
      },
    ],
    [
      "+ provider: model.doStream()",
      async (mode) => {
        const { model } = layersFor(mode);
        const count = tally(performance.now());
        for await (const batch of model.doStream({ messages })) {
          for (const part of batch) if (part.type === "text-delta") count.text(part.text);
        }
        return count.done(mode);
      },
    ],
    [
      "+ streamChat() (limit, retries, time limit)",
      async (mode) => {
        const { model } = layersFor(mode);
        const count = tally(performance.now());
        for await (const batch of streamChat(model, { messages }, { maxRetries: 0 })) {
          for (const part of batch) if (part.type === "text-delta") count.text(part.text);
        }
        return count.done(mode);
      },
    ],
    [
      "+ ChatGenerator.stream() (collector)",
      async (mode) => {
        const { generator } = layersFor(mode);
        const count = tally(performance.now());
        for await (const part of generator.stream(messages)) if (part.type === "text-delta") count.text(part.text);
        return count.done(mode);
      },
    ],
    [
      "+ pipeline.stream() node-chunk events",
      async (mode) => {
        const { pipeline } = layersFor(mode);
        const count = tally(performance.now());
        for await (const event of pipeline.stream({ llm: { messages } })) {
          if (event.type === "node-chunk" && event.chunk.type === "text-delta") count.text(event.chunk.text);
        }
        return count.done(mode);
      },
    ],
  ];
}
