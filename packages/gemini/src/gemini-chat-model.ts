import { ChatMessage } from "@trama/core";
import {
  type CallContext,
  type ChatModelV1,
  type ChatRequest,
  type ChatResponse,
  type ChatStreamPart,
  mapStream,
  parseJson,
  postJson,
  providerOptionsFor,
  readEventBatches,
  readJson,
  type Warning,
} from "@trama/provider";
import { convertToGeminiContents } from "./convert-to-gemini-contents.js";
import type { GeminiRequestBody, GeminiResponse } from "./gemini-api.js";
import {
  type GeminiConfig,
  type GeminiOptions,
  geminiHeaders,
  geminiUrl,
  resolveGeminiConfig,
  withRetryInfo,
} from "./gemini-config.js";
import { prepareGeminiTools } from "./gemini-prepare-tools.js";
import { throwIfFailed, toContentParts } from "./gemini-response.js";
import { GeminiStreamMapper } from "./gemini-stream.js";
import { convertGeminiUsage } from "./gemini-usage.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";

/**
 * Options read from `providerOptions` (top level, or under `gemini`), passed to the API as they are:
 * `thinkingConfig` (`{ thinkingBudget, includeThoughts, thinkingLevel }`, into `generationConfig`),
 * `safetySettings` and `cachedContent`.
 */
export interface GeminiProviderOptions {
  thinkingConfig?: Record<string, unknown>;
  safetySettings?: unknown[];
  cachedContent?: string;
}

/**
 * A Gemini model through the Gemini API (`POST {baseURL}/models/{model}:generateContent`, and
 * `:streamGenerateContent?alt=sse` for streams). A JSON `responseFormat` sets `responseMimeType:
 * "application/json"` and, with a schema, `responseJsonSchema`.
 */
export class GeminiChatModel implements ChatModelV1 {
  readonly specificationVersion = "v1" as const;
  readonly provider = "gemini";
  readonly modelId: string;
  readonly endpoint: string;
  readonly #options: GeminiOptions;
  readonly #config: GeminiConfig;

  constructor(modelId: string, options: GeminiOptions = {}) {
    this.modelId = modelId;
    this.#options = options;
    this.#config = resolveGeminiConfig(options);
    this.endpoint = this.#config.baseURL;
  }

  async doGenerate(request: ChatRequest): Promise<ChatResponse> {
    const { body, warnings } = this.#prepare(request);
    const url = geminiUrl(this.#config, this.modelId, "generateContent");
    const context = this.#context();
    const response = await this.#post(url, body, request);
    const json = (await readJson(response, url, context)) as GeminiResponse;
    throwIfFailed(json, url, context);
    const { parts, toolCalls } = toContentParts(json);
    const finishReason = mapGeminiFinishReason(json.candidates?.[0]?.finishReason, {
      hasToolCalls: toolCalls.length > 0,
    });
    const usage = convertGeminiUsage(json.usageMetadata);
    const message = ChatMessage.assistant(parts, {
      meta: {
        provider: this.provider,
        model: json.modelVersion ?? this.modelId,
        finishReason: finishReason.unified,
        usage,
      },
    });
    return {
      message,
      finishReason,
      usage,
      warnings,
      response: { id: json.responseId, model: json.modelVersion, headers: Object.fromEntries(response.headers) },
    };
  }

  /**
   * One batch per network read; within the read that brings the stream's first delta, the parts up to it go out
   * first, on their own. `finish` ends the batch of the read that brought the finish reason (Gemini's last chunk);
   * the body is then read to its end (see `readToEnd`).
   */
  async *doStream(request: ChatRequest): AsyncGenerator<ChatStreamPart[]> {
    const { body, warnings } = this.#prepare(request);
    const url = `${geminiUrl(this.#config, this.modelId, "streamGenerateContent")}?alt=sse`;
    const context = this.#context();
    const response = await this.#post(url, body, request);
    const mapper = new GeminiStreamMapper({ url, context, warnings });
    // The chunk with a finishReason ends the stream, unless more data follows at once (some proxies mark earlier
    // chunks as finished too): the reply is then read on, so it is never cut short.
    yield* mapStream(
      readEventBatches(response, url, context),
      {
        endMayContinue: true,
        read(event, parts) {
          const chunk = (parseJson(event.data, url, context) as GeminiResponse) ?? {};
          parts.push(...mapper.map(chunk));
          return chunk.candidates?.[0]?.finishReason !== undefined;
        },
        ended: () => [mapper.finish()],
        bodyEnded: () => [mapper.finish()],
      },
      request.signal,
    );
  }

  /** The shorthand and options that recreate this model; the key as its environment variable names. */
  toConfig(): Record<string, unknown> {
    return {
      model: `gemini:${this.modelId}`,
      ...(this.#options.baseURL === undefined ? {} : { baseURL: this.#options.baseURL }),
      apiKey: this.#config.apiKey.toJSON(),
      ...(this.#options.headers === undefined ? {} : { headers: this.#options.headers }),
    };
  }

  #context(): CallContext {
    return { provider: this.provider, modelId: this.modelId, fetch: this.#config.fetch };
  }

  async #post(url: string, body: GeminiRequestBody, request: ChatRequest): Promise<Response> {
    const headers = geminiHeaders(this.#config, this, request.headers);
    try {
      return await postJson(url, body, { headers, signal: request.signal, context: this.#context() });
    } catch (error) {
      throw withRetryInfo(error);
    }
  }

  #prepare(request: ChatRequest): { body: GeminiRequestBody; warnings: Warning[] } {
    const options = providerOptionsFor(request.providerOptions, ["gemini", "google"]) as GeminiProviderOptions;
    const { systemInstruction, contents } = convertToGeminiContents(request.messages, this);
    const { tools, toolConfig } = prepareGeminiTools(request.tools, request.toolChoice);
    const format = request.responseFormat;
    const generationConfig = {
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.topP === undefined ? {} : { topP: request.topP }),
      ...(request.topK === undefined ? {} : { topK: request.topK }),
      ...(request.maxTokens === undefined ? {} : { maxOutputTokens: request.maxTokens }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.stop?.length ? { stopSequences: request.stop } : {}),
      ...(format?.type === "json" ? { responseMimeType: "application/json" } : {}),
      ...(format?.type === "json" && format.schema ? { responseJsonSchema: format.schema } : {}),
      ...(options.thinkingConfig ? { thinkingConfig: options.thinkingConfig } : {}),
    };
    const body: GeminiRequestBody = {
      contents,
      ...(systemInstruction ? { systemInstruction } : {}),
      ...(tools ? { tools } : {}),
      ...(toolConfig ? { toolConfig } : {}),
      ...(Object.keys(generationConfig).length ? { generationConfig } : {}),
      ...(options.safetySettings ? { safetySettings: options.safetySettings } : {}),
      ...(options.cachedContent ? { cachedContent: options.cachedContent } : {}),
    };
    return { body, warnings: [] };
  }
}
