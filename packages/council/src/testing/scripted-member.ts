/**
 * Council members for tests: each one a loopback server speaking the OpenAI-compatible chat API for real (SSE
 * streams with usage and cost, error statuses), whose replies are scripted per council stage. Nothing here mocks
 * Trama's own code: the council reaches these servers through the model layer like any remote model.
 * @module
 */
import type { ServerResponse } from "node:http";
import {
  type LoopbackServer,
  type RecordedRequest,
  sendEvents,
  sendJson,
  startLoopbackServer,
} from "@trama/models/testing";

/** Which call a request is, told from its prompt. */
export type ScriptedStage = "answer" | "review" | "chairman" | "title";

/** One answer as a reviewer sees it: its label and text, read back from the review prompt. */
export interface ShownAnswer {
  label: string;
  text: string;
}

/** A scripted failure: an HTTP status with an error body, or a connection cut before any reply. */
export interface ScriptedFailure {
  status?: number;
  message?: string;
  /** Cut the connection instead of answering. */
  cut?: boolean;
}

/** What a scripted member replies, per stage. Functions get what the prompt holds. */
export interface ScriptedMemberOptions {
  /** The model id the server reports. Default `scripted`. */
  model?: string;
  /** Stage 1: the answer, or a function of the question and the whole conversation. */
  answer?: string | ((question: string, messages: Array<{ role: string; content: string }>) => string);
  /** Stage 2: the review; default `defaultReview` (ranks the longest answer first, JSON ballot). */
  review?: (answers: ShownAnswer[], prompt: string) => string;
  /** Stage 3: the final answer; default a summary naming how many answers it saw. */
  chairman?: (prompt: string) => string;
  /** The conversation title. Default `Scripted title`. */
  title?: string;
  /** Stages that fail, and how. */
  fail?: Partial<Record<ScriptedStage, ScriptedFailure>>;
  /** Wait before replying (all stages, or per stage). */
  delayMs?: number | Partial<Record<ScriptedStage, number>>;
  /** Pause between streamed pieces of the reply. Default 0. */
  tokenDelayMs?: number;
  /** Cost in USD reported with each call's usage (as OpenRouter does). */
  costPerCall?: number;
}

/** A running scripted member. */
export interface ScriptedMember {
  /** `openai-compatible:<url>/v1#<model>`: the shorthand to put in a council. */
  readonly shorthand: string;
  readonly server: LoopbackServer;
  /** The requests of one stage, in order. */
  requestsOf(stage: ScriptedStage): RecordedRequest[];
  close(): Promise<void>;
}

/** Tells a request's stage from its last user message. */
export function stageOf(prompt: string): ScriptedStage {
  if (/^Write a short title/.test(prompt)) return "title";
  if (/chairman of a council/.test(prompt)) return "chairman";
  if (/<<<RESPONSE [A-Z] [0-9a-f]+>>>/.test(prompt)) return "review";
  return "answer";
}

/** The answers a review prompt shows, with their labels, read between the prompt's fenced markers. */
export function shownAnswers(prompt: string): ShownAnswer[] {
  const blocks = prompt.matchAll(/<<<RESPONSE ([A-Z]) ([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END RESPONSE \1 \2>>>/g);
  return [...blocks].map((block) => ({ label: block[1]!, text: block[3]! }));
}

/** A careful reviewer: a line per answer, then a JSON ballot with the longest answer first. */
export function defaultReview(answers: ShownAnswer[]): string {
  const ranked = [...answers].sort((a, b) => b.text.length - a.text.length || a.label.localeCompare(b.label));
  const notes = answers.map((answer) => `Response ${answer.label}: ${answer.text.length} characters.`).join("\n");
  return `${notes}\n\n{"ranking": [${ranked.map((answer) => `"${answer.label}"`).join(", ")}]}`;
}

/** Starts a scripted member on a free loopback port. */
export async function startScriptedMember(options: ScriptedMemberOptions = {}): Promise<ScriptedMember> {
  const model = options.model ?? "scripted";
  const byStage = new Map<ScriptedStage, RecordedRequest[]>();
  const server = await startLoopbackServer({
    "POST /v1/chat/completions": async (request, response) => {
      const messages = (request.body?.messages ?? []) as Array<{ role: string; content: string }>;
      const prompt = String(messages.at(-1)?.content ?? "");
      const stage = stageOf(prompt);
      byStage.set(stage, [...(byStage.get(stage) ?? []), request]);
      const delay = typeof options.delayMs === "number" ? options.delayMs : options.delayMs?.[stage];
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      const failure = options.fail?.[stage];
      if (failure) return fail(response, failure);
      const text = scriptedReply(stage, prompt, messages, options);
      await reply(response, { text, model, stream: request.body?.stream === true, prompt, options });
    },
  });
  return {
    shorthand: `openai-compatible:${server.url}/v1#${model}`,
    server,
    requestsOf: (stage) => byStage.get(stage) ?? [],
    close: () => server.close(),
  };
}

/** What a scripted model replies to `prompt` at `stage`. */
export function scriptedReply(
  stage: ScriptedStage,
  prompt: string,
  messages: Array<{ role: string; content: string }>,
  options: ScriptedMemberOptions,
): string {
  if (stage === "title") return options.title ?? "Scripted title";
  if (stage === "review") return (options.review ?? defaultReview)(shownAnswers(prompt), prompt);
  if (stage === "chairman") {
    return (
      options.chairman?.(prompt) ?? `Final answer drawn from ${prompt.match(/<<<ANSWER OF /g)?.length ?? 0} answers.`
    );
  }
  const answer = options.answer ?? "A scripted answer.";
  return typeof answer === "string" ? answer : answer(prompt, messages);
}

function fail(response: ServerResponse, failure: ScriptedFailure): void {
  if (failure.cut) {
    response.socket?.destroy();
    return;
  }
  sendJson(response, failure.status ?? 500, { error: { message: failure.message ?? "scripted failure" } });
}

async function reply(
  response: ServerResponse,
  call: { text: string; model: string; stream: boolean; prompt: string; options: ScriptedMemberOptions },
): Promise<void> {
  const usage = {
    prompt_tokens: Math.ceil(call.prompt.length / 4),
    completion_tokens: Math.max(1, Math.ceil(call.text.length / 4)),
    ...(call.options.costPerCall === undefined ? {} : { cost: call.options.costPerCall }),
  };
  if (!call.stream) {
    sendJson(response, 200, {
      id: "scripted",
      object: "chat.completion",
      model: call.model,
      choices: [{ index: 0, message: { role: "assistant", content: call.text }, finish_reason: "stop" }],
      usage,
    });
    return;
  }
  // The reply in a few pieces, as a server streams tokens.
  const pieces = call.text.match(/[\s\S]{1,24}/g) ?? [""];
  const chunk = (delta: object, finish: string | null) => ({
    id: "scripted",
    object: "chat.completion.chunk",
    model: call.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  await sendEvents(
    response,
    [
      chunk({ role: "assistant", content: "" }, null),
      ...pieces.map((piece) => chunk({ content: piece }, null)),
      chunk({}, "stop"),
      { id: "scripted", object: "chat.completion.chunk", model: call.model, choices: [], usage },
      "[DONE]",
    ],
    { delayMs: call.options.tokenDelayMs ?? 0 },
  );
}
