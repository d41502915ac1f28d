/**
 * A loopback server speaking OpenAI's chat completions API for real (JSON replies, or server-sent events when the
 * request asks for a stream), whose replies a test scripts from the conversation it receives. Tests reach it through
 * `ChatGenerator` with the shorthand `model`, like any remote model.
 */
import { type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/models/testing";

export interface ChatTurn {
  role: string;
  content: string;
}

export interface ScriptedChatServer {
  /** The shorthand that reaches this server: `openai-compatible:http://127.0.0.1:port/v1#scripted`. */
  readonly model: string;
  /** The conversations received, in order. */
  readonly conversations: ChatTurn[][];
  close(): Promise<void>;
}

/** Starts a server answering each conversation with `reply(messages)`. */
export async function startScriptedChatServer(
  reply: (messages: ChatTurn[]) => string | Promise<string>,
): Promise<ScriptedChatServer> {
  const conversations: ChatTurn[][] = [];
  const server: LoopbackServer = await startLoopbackServer({
    "POST /v1/chat/completions": async (request, response) => {
      const messages = (request.body.messages as Array<{ role: string; content: unknown }>).map((message) => ({
        role: message.role,
        content: typeof message.content === "string" ? message.content : JSON.stringify(message.content),
      }));
      conversations.push(messages);
      const text = await reply(messages);
      const base = { id: "chatcmpl-scripted", created: 1741570283, model: "scripted" };
      const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
      if (!request.body.stream) {
        sendJson(response, 200, {
          ...base,
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
          usage,
        });
        return;
      }
      const chunk = { ...base, object: "chat.completion.chunk" };
      await sendEvents(response, [
        { ...chunk, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
        ...(text.match(/\S+\s*|\s+/g) ?? []).map((piece) => ({
          ...chunk,
          choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
        })),
        { ...chunk, choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage },
        "[DONE]",
      ]);
    },
  });
  return {
    model: `openai-compatible:${server.url}/v1#scripted`,
    conversations,
    close: () => server.close(),
  };
}
