import { ChatMessage, type ContentPart, type ToolCallPart } from "@trama/core";
import {
  type CallContext,
  type ChatModelV1,
  type ChatRequest,
  type ChatResponse,
  type ChatStreamPart,
  excerpt,
  mapStream,
  ProviderError,
  postJson,
  providerOptionsFor,
  readJson,
  readJsonLineBatches,
  resolveOllamaBaseURL,
  type Usage,
  type Warning,
} from "@trama/provider";
import { convertToOllamaMessages } from "./convert-to-ollama-messages.js";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";
import type { OllamaChatChunk, OllamaChatRequestBody } from "./ollama-api-types.js";
import { errorFromErrorObject, withPullHint } from "./ollama-errors.js";
import { prepareOllamaTools } from "./ollama-prepare-tools.js";
import { toToolCallPart } from "./ollama-tool-calls.js";

/** Whether and how hard a thinking model thinks: on, off, or a level for models that have levels. */
export type OllamaThink = boolean | "low" | "medium" | "high" | "max";

/** Options of an Ollama chat model. */
export interface OllamaChatModelOptions {
  /** The server; default `OLLAMA_HOST` (the scheme may be missing), else `http://127.0.0.1:11434`. */
  baseURL?: string;
  /** Context window in tokens (`options.num_ctx`); Ollama's own default is small, often 2048 to 4096. */
  numCtx?: number;
  /** `think` for thinking models; unset leaves the model's default. */
  think?: OllamaThink;
  /** How long the model stays loaded after a call (`keep_alive`): `"5m"`, `"1h"`, seconds, `0` or `-1`. */
  keepAlive?: string | number;
  /** Extra HTTP headers on every call (a proxy's authorization, for instance). */
  headers?: Record<string, string>;
  /** Replaces `fetch` (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** `providerOptions` keys that are top-level request fields; every other key goes into `options`. */
const topLevelKeys: Record<string, string> = {
  think: "think",
  keepAlive: "keep_alive",
  keep_alive: "keep_alive",
  truncate: "truncate",
};

/**
 * A chat model served by Ollama, through its native API (`POST /api/chat`, NDJSON streams).
 *
 * `request.providerOptions` are merged into Ollama's `options` (`{ min_p: 0.05, num_gpu: 0 }`), except `think`,
 * `keepAlive`/`keep_alive` and `truncate`, which are request fields.
 */
export class OllamaChatModel implements ChatModelV1 {
  readonly specificationVersion = "v1";
  readonly provider = "ollama";
  readonly modelId: string;
  /** The server this model runs on; also the key of its concurrency limit. */
  readonly baseURL: string;
  readonly endpoint: string;
  readonly #options: OllamaChatModelOptions;

  constructor(modelId: string, options: OllamaChatModelOptions = {}) {
    this.modelId = modelId;
    this.#options = options;
    this.baseURL = resolveOllamaBaseURL(options.baseURL);
    this.endpoint = this.baseURL;
  }

  async doGenerate(request: ChatRequest): Promise<ChatResponse> {
    const { body, warnings } = this.#requestBody(request, false);
    const { response, url, context } = await this.#post(body, request);
    const chunk = (await readJson(response, url, context)) as OllamaChatChunk;
    if (!chunk || typeof chunk !== "object") throw unexpected(chunk, url, context);
    if (chunk.error !== undefined) throw errorFromErrorObject(chunk, url, context);
    const parts: ContentPart[] = [];
    if (chunk.message?.thinking) parts.push({ type: "reasoning", text: chunk.message.thinking });
    if (chunk.message?.content) parts.push({ type: "text", text: chunk.message.content });
    const stamp = chunk.created_at ?? "";
    const toolCalls = (chunk.message?.tool_calls ?? []).map((call, index) =>
      toToolCallPart(call, index, stamp, url, context),
    );
    parts.push(...toolCalls);
    const finishReason = mapOllamaFinishReason(chunk.done_reason, toolCalls.length > 0);
    const usage = usageOf(chunk);
    const model = chunk.model ?? this.modelId;
    const message = ChatMessage.assistant(parts, {
      meta: { provider: this.provider, model, finishReason: finishReason.unified, usage },
    });
    return {
      message,
      finishReason,
      usage,
      warnings,
      response: { model, headers: Object.fromEntries(response.headers) },
    };
  }

  /**
   * One batch per network read; within the read that brings the stream's first delta, the parts up to it go out
   * first, on their own.
   */
  async *doStream(request: ChatRequest): AsyncGenerator<ChatStreamPart[]> {
    const { body, warnings } = this.#requestBody(request, true);
    const { response, url, context } = await this.#post(body, request);
    let announced = false;
    let toolCallCount = 0;
    const modelId = this.modelId;
    const baseURL = this.baseURL;
    yield* mapStream(
      readJsonLineBatches(response, url, context),
      {
        read(item, parts) {
          if (!item || typeof item !== "object") throw unexpected(item, url, context);
          const chunk = item as OllamaChatChunk;
          if (chunk.error !== undefined)
            throw withPullHint(errorFromErrorObject(chunk, url, context), modelId, baseURL);
          if (!announced) {
            announced = true;
            parts.push({ type: "response-metadata", model: chunk.model ?? modelId });
          }
          const message = chunk.message;
          if (message?.thinking) parts.push({ type: "reasoning-delta", text: message.thinking });
          if (message?.content) parts.push({ type: "text-delta", text: message.content });
          for (const call of message?.tool_calls ?? []) {
            const part: ToolCallPart = toToolCallPart(call, toolCallCount, chunk.created_at ?? "", url, context);
            parts.push(
              {
                type: "tool-call-delta",
                index: toolCallCount,
                id: part.id,
                name: part.name,
                argumentsDelta: part.rawArguments ?? "",
              },
              { type: "tool-call", call: part },
            );
            toolCallCount++;
          }
          if (!chunk.done) return false;
          parts.push({
            type: "finish",
            finishReason: mapOllamaFinishReason(chunk.done_reason, toolCallCount > 0),
            usage: usageOf(chunk),
            warnings,
          });
          return true;
        },
        bodyEnded() {
          throw new ProviderError({
            ...context,
            url,
            message: "ended the stream before its last line (done: true).",
            isRetryable: true,
          });
        },
      },
      request.signal,
    );
  }

  /** The shorthand and the options given explicitly (headers and `fetch` are left out). */
  toConfig(): Record<string, unknown> {
    const { baseURL, numCtx, think, keepAlive } = this.#options;
    return {
      model: `ollama:${this.modelId}`,
      ...(baseURL === undefined ? {} : { baseURL }),
      ...(numCtx === undefined ? {} : { numCtx }),
      ...(think === undefined ? {} : { think }),
      ...(keepAlive === undefined ? {} : { keepAlive }),
    };
  }

  #requestBody(request: ChatRequest, stream: boolean): { body: OllamaChatRequestBody; warnings: Warning[] } {
    const converted = convertToOllamaMessages(request.messages);
    const prepared = prepareOllamaTools(request.tools, request.toolChoice);
    const options: Record<string, unknown> = {};
    const topLevel: Record<string, unknown> = {};
    setDefined(options, "num_ctx", this.#options.numCtx);
    setDefined(options, "temperature", request.temperature);
    setDefined(options, "top_p", request.topP);
    setDefined(options, "top_k", request.topK);
    setDefined(options, "seed", request.seed);
    setDefined(options, "num_predict", request.maxTokens);
    if (request.stop?.length) options.stop = request.stop;
    setDefined(topLevel, "think", this.#options.think);
    setDefined(topLevel, "keep_alive", this.#options.keepAlive);
    for (const [key, value] of Object.entries(providerOptionsFor(request.providerOptions, ["ollama"]))) {
      if (value === undefined) continue;
      const field = topLevelKeys[key];
      if (field) topLevel[field] = value;
      else options[key === "numCtx" ? "num_ctx" : key] = value;
    }
    const format = request.responseFormat ? (request.responseFormat.schema ?? ("json" as const)) : undefined;
    const body: OllamaChatRequestBody = {
      model: this.modelId,
      messages: converted.messages,
      stream,
      ...(prepared.tools ? { tools: prepared.tools } : {}),
      ...(format === undefined ? {} : { format }),
      ...(Object.keys(options).length ? { options } : {}),
      ...topLevel,
    };
    return { body, warnings: [...converted.warnings, ...prepared.warnings] };
  }

  async #post(body: OllamaChatRequestBody, request: ChatRequest) {
    const url = `${this.baseURL}/api/chat`;
    const context: CallContext = { provider: this.provider, modelId: this.modelId, fetch: this.#options.fetch };
    try {
      const response = await postJson(url, body, {
        headers: { ...this.#options.headers, ...request.headers },
        signal: request.signal,
        context,
      });
      return { response, url, context };
    } catch (error) {
      throw withPullHint(error, this.modelId, this.baseURL);
    }
  }
}

/** Token counts from the last object: `prompt_eval_count` in, `eval_count` out (Ollama omits zeros). */
function usageOf(chunk: OllamaChatChunk): Usage {
  const inputTokens = chunk.prompt_eval_count ?? 0;
  const outputTokens = chunk.eval_count ?? 0;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

function setDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function unexpected(value: unknown, url: string, context: CallContext): ProviderError {
  return new ProviderError({
    ...context,
    url,
    message: `sent something that is not a chat response: ${excerpt(JSON.stringify(value) ?? String(value))}`,
    isRetryable: false,
  });
}
