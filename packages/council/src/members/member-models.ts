/**
 * The chat models of a council, built once per model and options and shared by every stage and run: an in-process
 * GGUF model then loads its weights once, and a server's model keeps its connection settings.
 * @module
 */
import { stableStringify } from "@trama/core";
import { ChatGenerator, type ChatModelV1, resolveChatModel, setEndpointConcurrency } from "@trama/models";
import type { CallDefaults, NamedModel } from "../council-setup.js";

const models = new Map<string, Promise<ChatModelV1>>();

/** The model of `spec`, built from its shorthand on first use (a failed build is tried again next time). */
export function memberModel(spec: NamedModel): Promise<ChatModelV1> {
  const key = `${spec.model}\n${stableStringify(spec.modelOptions ?? {})}`;
  let model = models.get(key);
  if (!model) {
    model = resolveChatModel(spec.model, spec.modelOptions ?? {});
    model.catch(() => models.delete(key));
    models.set(key, model);
  }
  return model;
}

/**
 * A generator for one call of `spec`'s model under `timeoutMs`. When the council sets a concurrency for the model's
 * endpoint (or the spec sets `maxConcurrency`), the endpoint's limit is set first, since the model layer keeps the
 * limit the endpoint's first caller asked for.
 */
export async function memberGenerator(options: {
  spec: NamedModel;
  call: CallDefaults;
  timeoutMs: number;
  concurrency: Readonly<Record<string, number>>;
}): Promise<{ generator: ChatGenerator; model: ChatModelV1 }> {
  const { spec, call, timeoutMs, concurrency } = options;
  const model = await memberModel(spec);
  const limit = spec.maxConcurrency ?? concurrency[model.endpoint.replace(/\/+$/, "")];
  if (limit !== undefined) setEndpointConcurrency(model.endpoint, limit);
  const temperature = spec.temperature ?? call.temperature;
  const maxTokens = spec.maxTokens ?? call.maxTokens;
  const generator = new ChatGenerator({
    model,
    timeoutMs,
    maxRetries: call.maxRetries,
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
  });
  return { generator, model };
}
