import { type ChatRequest, providerOptionsFor, type ResponseFormat, type Warning } from "@trama/provider";
import { convertToOpenAICompatibleMessages } from "./convert-to-openai-compatible-messages.js";
import { prepareOpenAICompatibleTools } from "./openai-compatible-prepare-tools.js";
import type { OpenAICompatibleChatModelOptions } from "./openai-compatible-settings.js";

/**
 * The body of `POST /chat/completions` and the warnings for settings the server does not take. Sampling settings
 * map to their fields; `responseFormat` to `json_schema`, else `json_object`, else a warning; then `extraBody`, then
 * `providerOptions` (flat keys, or the keys under this provider's name).
 */
export function buildOpenAICompatibleRequestBody(
  options: OpenAICompatibleChatModelOptions,
  request: ChatRequest,
  stream: boolean,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const sampling: Record<string, unknown> = {
    temperature: request.temperature,
    top_p: request.topP,
    [options.maxTokensField ?? "max_tokens"]: request.maxTokens,
    [options.seedField ?? "seed"]: request.seed,
    stop: request.stop?.length ? request.stop : undefined,
  };
  if (request.topK !== undefined) {
    if (options.supportsTopK) sampling.top_k = request.topK;
    else warnings.push({ type: "unsupported", feature: "topK", details: `${options.provider} has no top_k setting.` });
  }
  const body: Record<string, unknown> = {
    model: options.modelId,
    messages: convertToOpenAICompatibleMessages(request.messages, options),
    ...withoutUndefined(sampling),
    ...prepareOpenAICompatibleTools(request.tools, request.toolChoice),
    ...responseFormatField(request.responseFormat, options, warnings),
    ...(stream ? { stream: true } : {}),
    ...(stream && (options.streamUsage ?? true) ? { stream_options: { include_usage: true } } : {}),
    ...options.extraBody,
    ...providerOptionsFor(request.providerOptions, [
      options.provider,
      options.provider.replace(/[^a-z0-9]/gi, ""),
      "openai-compatible",
      "openaiCompatible",
    ]),
  };
  return { body, warnings };
}

function responseFormatField(
  format: ResponseFormat | undefined,
  options: OpenAICompatibleChatModelOptions,
  warnings: Warning[],
): { response_format?: Record<string, unknown> } {
  if (!format) return {};
  const jsonMode = options.supportsJsonMode ?? true;
  if (format.schema && (options.supportsStructuredOutput ?? true)) {
    return {
      response_format: { type: "json_schema", json_schema: { name: format.name ?? "response", schema: format.schema } },
    };
  }
  if (format.schema) {
    warnings.push({
      type: "unsupported",
      feature: "responseFormat.schema",
      details: jsonMode
        ? `${options.provider} takes no JSON schema: JSON output is requested without it.`
        : `${options.provider} takes no JSON schema and has no JSON mode.`,
    });
  }
  if (jsonMode) return { response_format: { type: "json_object" } };
  if (!format.schema) {
    warnings.push({ type: "unsupported", feature: "responseFormat", details: `${options.provider} has no JSON mode.` });
  }
  return {};
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
