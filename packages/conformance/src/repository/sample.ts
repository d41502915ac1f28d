/**
 * What a component sample is, how one is made, and the tools and models the samples share. Models point at a
 * loopback port nothing listens on: no sample ever calls them.
 * @module
 */
import { type AnyComponent, Document } from "@trama/core";
import { ChatGenerator, type ChatGeneratorParams, defineTool } from "@trama/models";
import { OllamaChatModel } from "@trama/ollama";

/** One component to save and load back. */
export interface ComponentSample {
  /** Names the sample in test titles: the component's type, and what this sample of it shows. */
  readonly label: string;
  readonly component: AnyComponent;
  /**
   * The `init_parameters` the file must hold: the sample's parameters as JSON, with live objects (stores,
   * generators, models, tools) replaced by what they save as.
   */
  readonly saved: Record<string, unknown>;
  /** Whether loading back may warm the component up (false when that would open a connection). Default true. */
  readonly warmUp?: boolean;
  /** Inputs of a run that needs no model or server: the loaded component must give the same outputs. */
  readonly run?: Record<string, unknown>;
}

/** A port nothing listens on. */
export const loopback = "http://127.0.0.1:9";

/**
 * A sample built by `create` from `params`. The file must save the parameters as JSON, except the keys of
 * `options.overrides` (live objects), saved as given there (`undefined`: deliberately not saved).
 */
export function sample<P extends object>(
  create: (params: P) => AnyComponent,
  params: NoInfer<P>,
  options: { note?: string; overrides?: Record<string, unknown>; warmUp?: boolean; run?: Record<string, unknown> } = {},
): ComponentSample {
  const component = create(params);
  const saved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (options.overrides && key in options.overrides) continue;
    if (value !== undefined) saved[key] = JSON.parse(JSON.stringify(value));
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) if (value !== undefined) saved[key] = value;
  return {
    label: options.note ? `${component.type} (${options.note})` : component.type,
    component,
    saved,
    ...(options.warmUp === undefined ? {} : { warmUp: options.warmUp }),
    ...(options.run === undefined ? {} : { run: options.run }),
  };
}

/** Tools the samples' agents, generators and invokers hold; saved by name, so the loading registry must know them. */
export const weather = defineTool({
  name: "weather",
  description: "The weather in a city today.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  invoke: ({ city }: { city: string }) => `Sunny in ${city}`,
});
export const finalAnswer = defineTool({
  name: "final_answer",
  description: "Gives the final answer.",
  parameters: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
  invoke: ({ answer }: { answer: string }) => answer,
});

/** A chat model as parameters: a shorthand with options other than the defaults. */
export const qwen: ChatGeneratorParams = {
  model: "ollama:qwen2.5:7b-instruct",
  modelOptions: { baseURL: loopback, numCtx: 8192, keepAlive: "10m" },
  temperature: 0.2,
  maxTokens: 600,
};
/** `qwen` as a generator nested in another component's parameters saves. */
export const qwenSaved = { type: "trama.ChatGenerator", init_parameters: qwen };

/** A generator over a live model instance, and what it saves as: its shorthand and the options it was built with. */
export function liveGenerator(): { generator: ChatGenerator; saved: Record<string, unknown> } {
  const model = new OllamaChatModel("llama3.2:3b", { baseURL: loopback, numCtx: 4096, think: false });
  return {
    generator: new ChatGenerator({ model, temperature: 0.9, maxRetries: 1 }),
    saved: {
      model: "ollama:llama3.2:3b",
      modelOptions: { baseURL: loopback, numCtx: 4096, think: false },
      temperature: 0.9,
      maxRetries: 1,
    },
  };
}

/** Documents for the samples' runs: content, metadata the rankers sort by, scores the joiners keep. */
export const documents = [
  new Document({
    id: "a",
    content: "Claude  è un modello.\n\n\nDi Anthropic. [1]",
    meta: { published: "2024-03-04" },
    score: 0.9,
  }),
  new Document({
    id: "b",
    content: "Karpathy insegna le reti neurali. Pagina 2",
    meta: { published: "2023-01-02" },
    score: 0.4,
  }),
  new Document({ id: "c", content: "Un episodio senza data.", score: 0.7 }),
];
