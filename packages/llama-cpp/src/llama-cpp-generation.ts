/**
 * The pieces of one llama.cpp chat generation besides the messages: a pool of context sequences, the JSON grammars
 * of `responseFormat`, and the sampling options of a request.
 * @module
 */
import {
  type ChatRequest,
  ProviderError,
  providerOptionsFor,
  type ResponseFormat,
  type Warning,
} from "@trama/provider";
import type { LLamaChatGenerateResponseOptions, Llama, LlamaChat, LlamaGrammar } from "node-llama-cpp";
import { definedOptions } from "./llama-cpp-options.js";

/** The chats of a context's sequences: one request generates in each at a time; others wait in arrival order. */
export class ChatPool {
  readonly #idle: LlamaChat[];
  readonly #waiting: Array<(chat: LlamaChat) => void> = [];

  constructor(chats: LlamaChat[]) {
    this.#idle = [...chats];
  }

  /** A free chat, waiting while all are generating; rejects with the signal's reason if it aborts first. */
  acquire(signal: AbortSignal | undefined): Promise<LlamaChat> {
    const chat = this.#idle.pop();
    if (chat) return Promise.resolve(chat);
    return new Promise((resolve, reject) => {
      const take = (free: LlamaChat) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(free);
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(take), 1);
        reject(signal!.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(take);
    });
  }

  /** Hands `chat` to the next waiting request, or marks it free. */
  release(chat: LlamaChat): void {
    const next = this.#waiting.shift();
    if (next) next(chat);
    else this.#idle.push(chat);
  }
}

/** JSON grammars for `responseFormat`, created once per schema (creating one parses and compiles GBNF). */
export class GrammarCache {
  readonly #grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(
    private readonly llama: Llama,
    private readonly modelId: string,
  ) {}

  /**
   * The grammar that constrains sampling to `format`: its JSON schema, or any JSON. None while tools are offered,
   * with a warning: node-llama-cpp's function calling and grammars exclude each other.
   */
  async get(
    format: ResponseFormat | undefined,
    hasTools: boolean,
    warnings: Warning[],
  ): Promise<LlamaGrammar | undefined> {
    if (!format) return undefined;
    if (hasTools) {
      const details = "node-llama-cpp cannot constrain output while tools are offered";
      warnings.push({ type: "unsupported", feature: "responseFormat", details });
      return undefined;
    }
    const key = format.schema ? JSON.stringify(format.schema) : "json";
    let grammar = this.#grammars.get(key);
    if (!grammar) {
      grammar = format.schema
        ? this.llama.createGrammarForJsonSchema(format.schema as never)
        : this.llama.getGrammarFor("json");
      this.#grammars.set(key, grammar);
      grammar.catch(() => this.#grammars.delete(key));
    }
    try {
      return await grammar;
    } catch (error) {
      throw new ProviderError({
        provider: "llama.cpp",
        modelId: this.modelId,
        message: `node-llama-cpp cannot turn the response JSON schema into a grammar: ${(error as Error).message}`,
        hint: "Use the JSON Schema subset node-llama-cpp supports (see its GbnfJsonSchema type).",
        isRetryable: false,
        cause: error,
      });
    }
  }
}

/** node-llama-cpp sampling options a request may pass under `providerOptions["llama.cpp"]` (or `llamaCpp`). */
const passedThrough = ["minP", "xtc", "repeatPenalty", "dryRepeatPenalty", "trimWhitespaceSuffix", "budgets"] as const;

type SamplingOptions = Pick<
  LLamaChatGenerateResponseOptions,
  "temperature" | "seed" | "topP" | "topK" | "maxTokens" | "customStopTriggers" | (typeof passedThrough)[number]
>;

/**
 * The request's sampling options, the model's defaults filling the gaps: temperature 0 (greedy) and at most a
 * context's worth of tokens (a model that never emits its end token would otherwise generate on and on, shifting
 * the context).
 */
export function samplingOptions(
  request: ChatRequest,
  defaults: { temperature?: number; seed?: number; maxTokens?: number },
  contextSize: number,
): SamplingOptions {
  const own = providerOptionsFor(request.providerOptions, ["llama.cpp", "llamaCpp", "gguf"]);
  const passed = Object.fromEntries(passedThrough.filter((key) => key in own).map((key) => [key, own[key]]));
  return definedOptions({
    temperature: request.temperature ?? defaults.temperature ?? 0,
    seed: request.seed ?? defaults.seed,
    topP: request.topP,
    topK: request.topK,
    maxTokens: request.maxTokens ?? defaults.maxTokens ?? contextSize,
    customStopTriggers: request.stop?.length ? request.stop : undefined,
    ...passed,
  }) as SamplingOptions;
}
