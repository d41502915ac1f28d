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
  parseJson,
  postJson,
  providerOptionsFor,
  readEventBatches,
  readJson,
  type Warning,
} from "@trama/provider";
import type {
  AnthropicErrorObject,
  AnthropicRequestBody,
  AnthropicResponse,
  AnthropicStreamEvent,
} from "./anthropic-api.js";
import {
  type AnthropicConfig,
  type AnthropicOptions,
  anthropicHeaders,
  resolveAnthropicConfig,
} from "./anthropic-config.js";
import { anthropicErrorAfterSuccess } from "./anthropic-error.js";
import { JSON_TOOL_NAME, prepareAnthropicTools } from "./anthropic-prepare-tools.js";
import { AnthropicStreamMapper } from "./anthropic-stream.js";
import { convertAnthropicUsage } from "./anthropic-usage.js";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";

/** `max_tokens` when the request sets none (Anthropic requires it); thinking's `budget_tokens` is added to it. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/**
 * Options read from `providerOptions` (top level, or under `anthropic`): `thinking` (`{ type: "enabled",
 * budget_tokens }`) and `metadata` (`{ user_id }`), passed to the API as they are.
 */
export interface AnthropicProviderOptions {
  thinking?: { type: "enabled"; budget_tokens: number } | { type: "disabled" } | Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

interface AnthropicErrorBody {
  type: "error";
  error: AnthropicErrorObject;
}

interface PreparedRequest {
  body: AnthropicRequestBody;
  warnings: Warning[];
  structuredOutput: boolean;
}

/**
 * A Claude model through Anthropic's Messages API (`POST {baseURL}/messages`).
 *
 * Structured output: this API version has no JSON schema mode, so a JSON `responseFormat` is served by forcing a
 * tool named `json` whose `input_schema` is the schema; its input comes back as the message text (streamed as text
 * deltas) and the finish reason is `stop`.
 */
export class AnthropicChatModel implements ChatModelV1 {
  readonly specificationVersion = "v1" as const;
  readonly provider = "anthropic";
  readonly modelId: string;
  readonly endpoint: string;
  readonly #options: AnthropicOptions;
  readonly #config: AnthropicConfig;

  constructor(modelId: string, options: AnthropicOptions = {}) {
    this.modelId = modelId;
    this.#options = options;
    this.#config = resolveAnthropicConfig(options);
    this.endpoint = this.#config.baseURL;
  }

  async doGenerate(request: ChatRequest): Promise<ChatResponse> {
    const prepared = this.#prepare(request, false);
    const { url, context } = this.#target();
    const headers = anthropicHeaders(this.#config, this, request.headers);
    const response = await postJson(url, prepared.body, { headers, signal: request.signal, context });
    const json = (await readJson(response, url, context)) as AnthropicResponse | AnthropicErrorBody;
    if (json?.type === "error" && "error" in json) throw anthropicErrorAfterSuccess(json.error, "body", url, context);
    if (typeof json !== "object" || json === null || !Array.isArray(json.content)) {
      throw new ProviderError({
        ...context,
        url,
        message: `returned an unexpected body: ${excerpt(JSON.stringify(json))}`,
        isRetryable: false,
      });
    }
    return this.#toChatResponse(json, prepared, Object.fromEntries(response.headers));
  }

  /**
   * One batch per network read; within the read that brings the stream's first delta, the parts up to it go out
   * first, on their own. After `message_stop` the body is read to its end (see `readToEnd`).
   */
  async *doStream(request: ChatRequest): AsyncGenerator<ChatStreamPart[]> {
    const prepared = this.#prepare(request, true);
    const { url, context } = this.#target();
    const headers = anthropicHeaders(this.#config, this, request.headers);
    const response = await postJson(url, prepared.body, { headers, signal: request.signal, context });
    const mapper = new AnthropicStreamMapper({
      url,
      context,
      structuredOutput: prepared.structuredOutput,
      warnings: prepared.warnings,
    });
    yield* mapStream(
      readEventBatches(response, url, context),
      {
        read(event, parts) {
          const parsed = parseJson(event.data, url, context) as AnthropicStreamEvent;
          parts.push(...mapper.map(parsed ?? { type: "ping" }));
          return mapper.finished;
        },
        bodyEnded() {
          throw mapper.unfinishedError();
        },
      },
      request.signal,
    );
  }

  /** The shorthand and options that recreate this model; the key as its environment variable names. */
  toConfig(): Record<string, unknown> {
    return {
      model: `anthropic:${this.modelId}`,
      ...(this.#options.baseURL === undefined ? {} : { baseURL: this.#options.baseURL }),
      apiKey: this.#config.apiKey.toJSON(),
      ...(this.#options.headers === undefined ? {} : { headers: this.#options.headers }),
    };
  }

  #target(): { url: string; context: CallContext } {
    return {
      url: `${this.#config.baseURL}/messages`,
      context: { provider: this.provider, modelId: this.modelId, fetch: this.#config.fetch },
    };
  }

  #prepare(request: ChatRequest, stream: boolean): PreparedRequest {
    const options = providerOptionsFor(request.providerOptions, ["anthropic"]) as AnthropicProviderOptions;
    const thinking = options.thinking as Record<string, unknown> | undefined;
    const thinkingOn = thinking !== undefined && thinking.type !== "disabled";
    const warnings: Warning[] = [];
    if (request.seed !== undefined) warnings.push({ type: "unsupported", feature: "seed" });

    const sampling = { temperature: request.temperature, top_p: request.topP, top_k: request.topK };
    if (thinkingOn) {
      for (const [feature, value] of [
        ["temperature", request.temperature],
        ["topP", request.topP],
        ["topK", request.topK],
      ] as const) {
        if (value !== undefined) {
          warnings.push({ type: "unsupported", feature, details: "Anthropic does not allow it with thinking." });
        }
      }
      sampling.temperature = sampling.top_p = sampling.top_k = undefined;
    }

    const { system, messages } = convertToAnthropicMessages(request.messages);
    const tools = prepareAnthropicTools({
      tools: request.tools,
      toolChoice: request.toolChoice,
      responseFormat: request.responseFormat,
      thinking: thinkingOn,
    });
    const budget = typeof thinking?.budget_tokens === "number" ? thinking.budget_tokens : 0;
    const body: AnthropicRequestBody = {
      model: this.modelId,
      max_tokens: request.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS + (thinkingOn ? budget : 0),
      ...(system ? { system } : {}),
      messages,
      ...sampling,
      ...(request.stop?.length ? { stop_sequences: request.stop } : {}),
      ...(tools.tools ? { tools: tools.tools } : {}),
      ...(tools.toolChoice ? { tool_choice: tools.toolChoice } : {}),
      ...(thinking ? { thinking } : {}),
      ...(options.metadata ? { metadata: options.metadata as Record<string, unknown> } : {}),
      ...(stream ? { stream: true } : {}),
    };
    return { body, warnings, structuredOutput: tools.structuredOutput };
  }

  #toChatResponse(json: AnthropicResponse, prepared: PreparedRequest, headers: Record<string, string>): ChatResponse {
    const reasoning: ContentPart[] = [];
    let text: string | undefined;
    const toolCalls: ToolCallPart[] = [];
    for (const block of json.content) {
      switch (block.type) {
        case "thinking":
          if ("thinking" in block)
            reasoning.push({ type: "reasoning", text: block.thinking, signature: block.signature });
          break;
        case "redacted_thinking":
          if ("data" in block) reasoning.push({ type: "reasoning", text: "", signature: block.data, redacted: true });
          break;
        case "text":
          if ("text" in block) text = (text ?? "") + block.text;
          break;
        case "tool_use":
          if (!("input" in block)) break;
          if (prepared.structuredOutput && block.name === JSON_TOOL_NAME) {
            text = (text ?? "") + JSON.stringify(block.input ?? {});
          } else {
            const args = (block.input ?? {}) as Record<string, unknown>;
            toolCalls.push({
              type: "tool-call",
              id: block.id,
              name: block.name,
              arguments: args,
              rawArguments: JSON.stringify(args),
            });
          }
          break;
      }
    }
    const finishReason = mapAnthropicStopReason(json.stop_reason, {
      structuredOutput: prepared.structuredOutput && toolCalls.length === 0,
    });
    const usage = convertAnthropicUsage(json.usage);
    const parts: ContentPart[] = [...reasoning, ...(text === undefined ? [] : [{ type: "text", text } as const])];
    const message = ChatMessage.assistant([...parts, ...toolCalls], {
      meta: { provider: this.provider, model: json.model ?? this.modelId, finishReason: finishReason.unified, usage },
    });
    return {
      message,
      finishReason,
      usage,
      warnings: prepared.warnings,
      response: { id: json.id, model: json.model, headers },
    };
  }
}
