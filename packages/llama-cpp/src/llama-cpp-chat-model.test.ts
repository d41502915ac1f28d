import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChatMessage } from "@trama/core";
import type { ChatStreamPart } from "@trama/provider";
import { chatModelFrom, collectParts } from "@trama/provider/testing";
import { ChatMLChatWrapper, ChatWrapper, type ChatWrapperSettings } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlamaCppChatModel, llamaCpp, providers } from "./index.js";
import { writeTinyGguf } from "./testing/index.js";

let folder: string;
let model: LlamaCppChatModel;
/** A model whose end-of-generation rows are zero: it talks until a limit stops it. */
let endless: LlamaCppChatModel;
const hello = [ChatMessage.system("You are a test."), ChatMessage.user("Hello")];

/**
 * ChatML whose function-call prefix is a single space instead of "||call: ": the random model writes a space soon,
 * node-llama-cpp then constrains the function name and arguments with a grammar, and a real call comes out.
 */
class EagerCallingChatWrapper extends ChatMLChatWrapper {
  override readonly settings: ChatWrapperSettings = {
    ...ChatWrapper.defaultSettings,
    functions: {
      ...ChatWrapper.defaultSettings.functions,
      call: { ...ChatWrapper.defaultSettings.functions.call, prefix: " " },
    },
  };
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "trama-llama-chat-"));
  // node-llama-cpp's function-calling instructions take ~700 tokens of this character-level vocabulary.
  const tiny = await writeTinyGguf({ path: join(folder, "tiny.gguf"), contextLength: 2048 });
  const talkative = await writeTinyGguf({ path: join(folder, "endless.gguf"), endOfGenerationScale: 0 });
  model = llamaCpp(tiny.path, { threads: 1, contextSize: 2048 });
  endless = llamaCpp(talkative.path, { threads: 1, contextSize: 512 });
  await Promise.all([model.load(), endless.load()]);
});

afterAll(async () => {
  await Promise.all([model?.dispose(), endless?.dispose()]);
  await rm(folder, { recursive: true, force: true });
});

describe("LlamaCppChatModel", () => {
  it("names the provider, the model and its file", () => {
    expect(model.provider).toBe("llama.cpp");
    expect(model.modelId).toBe(join(folder, "tiny.gguf"));
    expect(model.endpoint).toBe(join(folder, "tiny.gguf"));
    expect(model.toConfig()).toEqual({ model: `gguf:${join(folder, "tiny.gguf")}`, threads: 1, contextSize: 2048 });
  });

  it("generates a reply with finish reason, usage and meta; greedy decoding repeats it exactly", async () => {
    const first = await model.doGenerate({ messages: hello });
    const second = await model.doGenerate({ messages: hello });

    expect(first.message.role).toBe("assistant");
    expect(first.message.text?.length).toBeGreaterThan(0);
    expect(second.message.text).toBe(first.message.text);
    expect(first.finishReason).toEqual({ unified: "stop", raw: "eogToken" });
    expect(first.usage.outputTokens).toBeGreaterThan(1);
    expect(first.usage.inputTokens).toBeGreaterThan(5);
    expect(first.usage.totalTokens).toBe(first.usage.inputTokens! + first.usage.outputTokens!);
    expect(first.message.meta).toEqual({
      provider: "llama.cpp",
      model: model.modelId,
      finishReason: "stop",
      usage: first.usage,
    });
    expect(first.warnings).toEqual([]);
  });

  it("repeats a sampled reply with the same seed", async () => {
    const request = { messages: [ChatMessage.user("Tell me about the world")], temperature: 1.2, seed: 42 };
    const first = await model.doGenerate(request);
    const second = await model.doGenerate(request);
    expect(second.message.text).toBe(first.message.text);
  });

  it("streams text deltas as they are generated, then one finish part", async () => {
    const parts = await collectParts(model.doStream({ messages: hello }));
    const deltas = parts.filter((part) => part.type === "text-delta");
    const finish = parts.at(-1);

    expect(deltas.length).toBeGreaterThan(2);
    expect(parts.filter((part) => part.type === "finish")).toHaveLength(1);
    expect(finish).toMatchObject({ type: "finish", finishReason: { unified: "stop" }, warnings: [] });
    const generated = await model.doGenerate({ messages: hello });
    expect(deltas.map((part) => (part as { text: string }).text).join("")).toBe(generated.message.text);
    expect((finish as { usage: { outputTokens: number } }).usage.outputTokens).toBe(generated.usage.outputTokens);
  });

  it("yields what was generated since the consumer last took it as one batch, the first delta alone", async () => {
    const stream = model.doStream({ messages: hello })[Symbol.asyncIterator]();
    const first = await stream.next();
    // The model has one sequence: this reply is generated once the stream's generation has ended.
    const generated = await model.doGenerate({ messages: hello });
    const batches = [first.value!];
    for (let next = await stream.next(); !next.done; next = await stream.next()) batches.push(next.value);
    const parts = batches.flat();
    const deltas = parts.filter((part) => part.type === "text-delta");

    expect(first.value).toEqual([deltas[0]]);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((part) => part.text).join("")).toBe(generated.message.text);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
    expect(batches).toHaveLength(2);
  });

  it("stops at maxTokens with finish reason length", async () => {
    const response = await endless.doGenerate({ messages: hello, maxTokens: 5 });
    expect(response.finishReason).toEqual({ unified: "length", raw: "maxTokens" });
    expect(response.usage.outputTokens).toBe(5);
  });

  it("stops at a stop sequence", async () => {
    const free = await endless.doGenerate({ messages: hello, maxTokens: 40 });
    const stop = free.message.text!.slice(6, 8);
    const stopped = await endless.doGenerate({ messages: hello, maxTokens: 40, stop: [stop] });
    expect(stopped.finishReason.unified).toBe("stop");
    expect(stopped.message.text).toBe(free.message.text!.slice(0, free.message.text!.indexOf(stop)));
  });

  it("rejects with an AbortError soon after the signal aborts mid-generation, and frees the sequence", async () => {
    const controller = new AbortController();
    const parts: ChatStreamPart[] = [];
    const started = Date.now();
    const consume = async () => {
      for await (const batch of endless.doStream({ messages: hello, signal: controller.signal })) {
        parts.push(...batch);
        if (parts.length >= 3 && !controller.signal.aborted) controller.abort();
      }
    };
    await expect(consume()).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(parts.every((part) => part.type === "text-delta")).toBe(true);
    expect(parts.length).toBeLessThan(10);

    const generating = endless.doGenerate({ messages: hello, signal: AbortSignal.timeout(1) });
    await expect(generating).rejects.toMatchObject({ name: "TimeoutError" });
    const after = await endless.doGenerate({ messages: hello, maxTokens: 3 });
    expect(after.finishReason.unified).toBe("length");
  });

  it("stops generating when the consumer leaves the stream early", async () => {
    for await (const batch of endless.doStream({ messages: hello })) {
      expect(batch[0]!.type).toBe("text-delta");
      break;
    }
    const after = await endless.doGenerate({ messages: hello, maxTokens: 2 });
    expect(after.usage.outputTokens).toBe(2);
  });

  it("constrains the reply to a JSON schema", async () => {
    // Finite value types only: node-llama-cpp's "integer" grammar admits exponents ("712e+21…"), which parse to
    // Infinity, and a random model fills strings and arrays until the token limit.
    const schema = {
      type: "object",
      properties: {
        answer: { enum: ["yes", "no"] },
        sure: { type: "boolean" },
        detail: { type: "object", properties: { level: { enum: ["low", "high"] } }, required: ["level"] },
      },
      required: ["answer", "sure", "detail"],
    };
    const response = await model.doGenerate({
      messages: [ChatMessage.user("Answer in JSON.")],
      responseFormat: { type: "json", schema },
      maxTokens: 200,
    });
    const value = JSON.parse(response.message.text!);
    expect(Object.keys(value).sort()).toEqual(["answer", "detail", "sure"]);
    expect(["yes", "no"]).toContain(value.answer);
    expect(typeof value.sure).toBe("boolean");
    expect(["low", "high"]).toContain(value.detail.level);
    expect(response.finishReason.unified).toBe("stop");
  });

  it("constrains the reply to JSON without a schema", async () => {
    // The random model opens an object and then fills a key until the limit; the grammar shows in the first tokens.
    const response = await model.doGenerate({
      messages: [ChatMessage.user("Answer in JSON.")],
      responseFormat: { type: "json" },
      maxTokens: 12,
    });
    expect(response.message.text).toMatch(/^\s*\{\s*"/);
  });

  it("offers tools through node-llama-cpp's function calling", async () => {
    const tools = [
      {
        name: "get_weather",
        description: "The weather in a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    ];
    const plain = await model.doGenerate({ messages: hello });
    const withTools = await model.doGenerate({ messages: hello, tools, toolChoice: "required" });

    // The functions are documented in the prompt (a longer one); the random model calls none of them.
    expect(withTools.usage.inputTokens).toBeGreaterThan(plain.usage.inputTokens! + 20);
    expect(["stop", "tool-calls"]).toContain(withTools.finishReason.unified);
    expect(withTools.warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "toolChoice" })]);

    const conversation = [
      ...hello,
      ChatMessage.assistant([{ type: "tool-call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }]),
      ChatMessage.tool("sunny, 24 °C", "call_1", { name: "get_weather" }),
    ];
    const answered = await model.doGenerate({ messages: conversation, tools, maxTokens: 30 });
    expect(answered.message.role).toBe("assistant");
    expect(answered.warnings).toEqual([]);
  });

  it("streams and returns tool calls that node-llama-cpp's function calling produced", async () => {
    const caller = llamaCpp(join(folder, "tiny.gguf"), {
      threads: 1,
      contextSize: 2048,
      chatWrapper: new EagerCallingChatWrapper(),
    });
    const tools = [
      {
        name: "get_weather",
        parameters: { type: "object", properties: { unit: { enum: ["c", "f"] } }, required: ["unit"] },
      },
    ];
    const parts = await collectParts(caller.doStream({ messages: hello, tools, maxTokens: 60 }));
    const deltas = parts.flatMap((part) => (part.type === "tool-call-delta" ? [part] : []));
    const calls = parts.flatMap((part) => (part.type === "tool-call" ? [part.call] : []));
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call).toMatchObject({ type: "tool-call", name: "get_weather", id: expect.stringMatching(/^call_\w{16}$/) });
    expect(["c", "f"]).toContain(call.arguments.unit);
    expect(deltas[0]).toMatchObject({ index: 0, id: call.id, name: "get_weather" });
    expect(JSON.parse(deltas.map((delta) => delta.argumentsDelta).join(""))).toEqual(call.arguments);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: { unified: "tool-calls", raw: "functionCalls" },
    });

    const response = await caller.doGenerate({ messages: hello, tools, maxTokens: 60 });
    expect(response.finishReason.unified).toBe("tool-calls");
    expect(response.message.toolCalls).toEqual([
      expect.objectContaining({ name: "get_weather", arguments: call.arguments }),
    ]);
    const [toolCall] = response.message.toolCalls;
    const followUp = await caller.doGenerate({
      messages: [...hello, response.message, ChatMessage.tool("12 degrees", toolCall!.id, { name: "get_weather" })],
      tools,
      maxTokens: 60,
    });
    expect(followUp.warnings).toEqual([]);
    expect(followUp.usage.inputTokens).toBeGreaterThan(0);
    await caller.dispose();
  });

  it("serves concurrent requests one after another on one sequence", async () => {
    const replies = await Promise.all([1, 2, 3].map(() => model.doGenerate({ messages: hello })));
    expect(new Set(replies.map((reply) => reply.message.text)).size).toBe(1);
  });

  it("counts the prompt tokens it evaluates: all at first, only the new ones once the context holds the prompt", async () => {
    const fresh = llamaCpp(join(folder, "tiny.gguf"), { threads: 1, contextSize: 2048, sequences: 2 });
    const first = await fresh.doGenerate({ messages: hello });
    const repeated = await fresh.doGenerate({ messages: hello });
    expect(first.usage.inputTokens).toBe(31); // the ChatML prompt of `hello` in the tiny vocabulary
    expect(repeated.usage.inputTokens).toBe(1);
    const parallel = await Promise.all([fresh.doGenerate({ messages: hello }), fresh.doGenerate({ messages: hello })]);
    expect(parallel.map((reply) => reply.message.text)).toEqual([first.message.text, first.message.text]);
    await fresh.dispose();
  });

  it("warns about images and answers from the text", async () => {
    const message = ChatMessage.user([
      { type: "text", text: "Hello" },
      { type: "image", data: "aGk=", mimeType: "image/png" },
    ]);
    const response = await model.doGenerate({ messages: [message], maxTokens: 5 });
    expect(response.warnings).toEqual([expect.objectContaining({ feature: "images" })]);
  });

  it("is what resolveChatModel returns for gguf:<file>", async () => {
    const resolved = chatModelFrom(providers, `gguf:${join(folder, "tiny.gguf")}`, { threads: 1, contextSize: 2048 });
    expect(resolved).toBeInstanceOf(LlamaCppChatModel);
    // Two requests before the model object has loaded: it loads once, and both are answered.
    const [response, again] = await Promise.all([
      resolved.doGenerate({ messages: hello }),
      resolved.doGenerate({ messages: hello }),
    ]);
    expect(response.message.text).toBe((await model.doGenerate({ messages: hello })).message.text);
    expect(again.message.text).toBe(response.message.text);
    await (resolved as LlamaCppChatModel).dispose();
  });
});
