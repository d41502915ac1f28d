/**
 * A scripted Ollama for tests: a loopback server answering `/api/tags` with the models it has and `/api/chat` with
 * NDJSON streams (or one JSON reply), scripted per model and stage like `startScriptedMember`.
 * @module
 */
import { type LoopbackServer, sendJson, sendJsonLines, startLoopbackServer } from "@trama/models/testing";
import { type ScriptedMemberOptions, scriptedReply, stageOf } from "./scripted-member.js";

/** One model of the scripted Ollama. */
export interface ScriptedOllamaModel extends ScriptedMemberOptions {
  /** Ollama's name, such as `qwen2.5:7b`. */
  name: string;
  family?: string;
  /** Such as `7.6B`. */
  parameterSize?: string;
}

/** Starts a scripted Ollama; `url` goes into `OLLAMA_HOST`. */
export async function startScriptedOllama(models: readonly ScriptedOllamaModel[]): Promise<LoopbackServer> {
  return startLoopbackServer({
    "GET /api/tags": (_request, response) =>
      sendJson(response, 200, {
        models: models.map((model) => ({
          name: model.name,
          model: model.name,
          details: { family: model.family ?? model.name.split(":")[0], parameter_size: model.parameterSize ?? "1B" },
        })),
      }),
    "POST /api/chat": async (request, response) => {
      const model = models.find((candidate) => candidate.name === request.body?.model);
      if (!model)
        return sendJson(response, 404, { error: `model '${request.body?.model}' not found, try pulling it first` });
      const messages = (request.body.messages ?? []) as Array<{ role: string; content: string }>;
      const prompt = String(messages.at(-1)?.content ?? "");
      const stage = stageOf(prompt);
      const failure = model.fail?.[stage];
      if (failure) return sendJson(response, failure.status ?? 500, { error: failure.message ?? "scripted failure" });
      const text = scriptedReply(stage, prompt, messages, model);
      const end = {
        done: true,
        done_reason: "stop",
        prompt_eval_count: Math.ceil(prompt.length / 4),
        eval_count: Math.ceil(text.length / 4),
      };
      if (request.body.stream === false) {
        return sendJson(response, 200, { model: model.name, message: { role: "assistant", content: text }, ...end });
      }
      const pieces = text.match(/[\s\S]{1,24}/g) ?? [""];
      await sendJsonLines(response, [
        ...pieces.map((piece) => ({ model: model.name, message: { role: "assistant", content: piece }, done: false })),
        { model: model.name, message: { role: "assistant", content: "" }, ...end },
      ]);
    },
  });
}
