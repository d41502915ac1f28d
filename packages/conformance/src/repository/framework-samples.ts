/**
 * Samples of the framework's own components: `@trama/core`'s pipeline component, `@trama/components`' builders,
 * routers and joiners, and `@trama/models`' generators, agent, tool invoker and embedders (shorthands and live
 * models, tools by name, an API key saved as its variable's name, a callback deliberately not saved).
 * @module
 */
import {
  AnswerBuilder,
  AnswerJoiner,
  BranchJoiner,
  ChatPromptBuilder,
  ConditionalRouter,
  DocumentJoiner,
  ListJoiner,
  OutputAdapter,
  PromptBuilder,
  StringJoiner,
} from "@trama/components";
import { ChatMessage, chatMessageType, documentType, Pipeline, PipelineComponent, Secret, t } from "@trama/core";
import {
  Agent,
  ChatGenerator,
  type ChatGeneratorParams,
  DocumentEmbedder,
  FallbackChatGenerator,
  TextEmbedder,
  ToolInvoker,
} from "@trama/models";
import { OllamaEmbeddingModel } from "@trama/ollama";
import { LostInTheMiddleRanker } from "@trama/retrieval";
import {
  type ComponentSample,
  documents,
  finalAnswer,
  liveGenerator,
  loopback,
  qwen,
  sample,
  weather,
} from "./sample.js";

/** Samples of every component type of `@trama/core`, `@trama/components` and `@trama/models`. */
export function frameworkSamples(): ComponentSample[] {
  const live = liveGenerator();
  const inner = new Pipeline({ metadata: { purpose: "answer prompt" } })
    .add("prompt", PromptBuilder({ template: "Rispondi a {{ question }} in {{ language }}.", requiredVariables: "*" }))
    .add("joiner", StringJoiner())
    .connect("prompt.prompt", "joiner.strings");
  return [
    // @trama/core
    sample(
      (params: ConstructorParameters<typeof PipelineComponent>[0]) => new PipelineComponent(params),
      { pipeline: inner, inputs: { question: ["prompt.question"], language: ["prompt.language"] } },
      {
        overrides: { pipeline: JSON.parse(JSON.stringify(inner.toJSON())), outputs: { "joiner.strings": "strings" } },
        run: { question: "chi è Karpathy?", language: "italiano" },
      },
    ),
    sample(
      (params: ConstructorParameters<typeof PipelineComponent>[0]) => new PipelineComponent(params),
      {
        pipeline: new Pipeline().add("ranker", LostInTheMiddleRanker({ topK: 4 })),
        inputs: { documents: ["ranker.documents"] },
        outputs: { "ranker.documents": "ranked" },
      },
      {
        note: "a retrieval component inside",
        run: { documents },
        overrides: {
          pipeline: {
            metadata: {},
            max_runs_per_component: 100,
            concurrency: 8,
            components: { ranker: { type: "trama.LostInTheMiddleRanker", init_parameters: { topK: 4 } } },
            connections: [],
          },
        },
      },
    ),

    // @trama/components
    sample(
      AnswerBuilder,
      {
        pattern: "Risposta: (.*)",
        referencePattern: "\\[([\\d, ]+)\\]",
        returnOnlyReferencedDocuments: false,
        lastMessageOnly: true,
      },
      { run: { query: "chi?", replies: ["Prima", "Risposta: Claude [1, 3]"], documents } },
    ),
    sample(AnswerJoiner, { topK: 3 }),
    sample(BranchJoiner, { type: t.list(documentType) }),
    sample(BranchJoiner, { type: "record<string>" }, { note: "type by name" }),
    sample(
      ChatPromptBuilder,
      {
        template: [
          ChatMessage.system("Rispondi in {{ language }}."),
          ChatMessage.user("Domanda: {{ question }}", { name: "ascoltatore" }),
        ],
        variables: ["question", "language", "style"],
        requiredVariables: ["question"],
      },
      { run: { question: "cos'è un LLM?", language: "italiano" } },
    ),
    sample(
      ConditionalRouter,
      {
        routes: [
          {
            condition: "{{ documents|length > 0 }}",
            output: "{{ documents }}",
            outputName: "found",
            outputType: t.list(documentType),
          },
          {
            condition: "{{ true }}",
            output: ["{{ query }}", "{{ query|length }}"],
            outputName: ["fallback", "length"],
            outputType: ["string", t.number],
          },
        ],
        optionalVariables: ["documents"],
      },
      { run: { query: "ciao", documents: [] } },
    ),
    sample(DocumentJoiner, { mode: "reciprocal_rank_fusion", weights: [2, 1], topK: 7, sortByScore: false }),
    sample(ListJoiner, { type: t.list(chatMessageType) }),
    sample(OutputAdapter, { template: "{{ documents[0].content }}", outputType: "string" }, { run: { documents } }),
    sample(
      PromptBuilder,
      {
        template:
          "Contesto:\n{% for document in documents %}- {{ document.content }}\n{% endfor %}Domanda: {{ question }}",
        variables: ["documents", "question", "tone"],
        requiredVariables: ["question"],
      },
      { run: { documents, question: "chi insegna?" } },
    ),
    sample(StringJoiner, {}),

    // @trama/models
    sample(
      (params: ChatGeneratorParams) => new ChatGenerator(params),
      {
        ...qwen,
        topP: 0.8,
        seed: 7,
        stop: ["###"],
        providerOptions: { ollama: { min_p: 0.05 } },
        tools: [weather],
        streaming: "never",
        maxRetries: 4,
        initialDelayMs: 250,
        timeoutMs: 12_000,
        maxConcurrency: 2,
      },
      { overrides: { tools: ["weather"] } },
    ),
    sample(
      (params: ChatGeneratorParams) => new ChatGenerator(params),
      { model: live.generator.params.model, maxTokens: 99 },
      {
        note: "a live model",
        overrides: { model: live.saved.model, modelOptions: live.saved.modelOptions },
      },
    ),
    sample(
      (params: ChatGeneratorParams) => new ChatGenerator(params),
      {
        model: "openrouter:anthropic/claude-sonnet-4.5",
        modelOptions: { baseURL: `${loopback}/api/v1`, apiKey: Secret.fromEnv(["OPENROUTER_API_KEY", "TRAMA_KEY"]) },
        responseFormat: { type: "json" },
      },
      { note: "an API key from the environment" },
    ),
    sample(
      (params: ConstructorParameters<typeof FallbackChatGenerator>[0]) => new FallbackChatGenerator(params),
      { generators: [live.generator, qwen] },
      { overrides: { generators: [live.saved, qwen] } },
    ),
    sample(
      (params: ConstructorParameters<typeof Agent>[0]) => new Agent(params),
      {
        generator: { ...qwen, seed: 3 },
        tools: [weather, finalAnswer],
        systemPrompt: "Usa gli strumenti.",
        exitConditions: ["final_answer"],
        maxSteps: 4,
        state: { city: "Torino" },
        raiseOnToolFailure: true,
      },
      { overrides: { tools: ["weather", "final_answer"] } },
    ),
    sample(
      (params: ConstructorParameters<typeof Agent>[0]) => new Agent(params),
      { generator: live.generator, tools: [finalAnswer] },
      {
        note: "a live generator",
        overrides: { generator: live.saved, tools: ["final_answer"] },
      },
    ),
    sample(
      (params: ConstructorParameters<typeof ToolInvoker>[0]) => new ToolInvoker(params),
      { tools: [weather, finalAnswer], raiseOnFailure: true },
      { overrides: { tools: ["weather", "final_answer"] } },
    ),
    sample((params: ConstructorParameters<typeof TextEmbedder>[0]) => new TextEmbedder(params), {
      model: "ollama:nomic-embed-text",
      modelOptions: { baseURL: loopback },
      prefix: "query: ",
      suffix: " .",
      maxRetries: 1,
      timeoutMs: 5000,
    }),
    sample(
      (params: ConstructorParameters<typeof TextEmbedder>[0]) => new TextEmbedder(params),
      {
        model: new OllamaEmbeddingModel("bge-m3", { baseURL: loopback, dimensions: 512, truncate: false }),
        prefix: "query: ",
      },
      {
        note: "a live model",
        overrides: {
          model: "ollama:bge-m3",
          modelOptions: { baseURL: loopback, dimensions: 512, truncate: false },
        },
      },
    ),
    sample(
      (params: ConstructorParameters<typeof DocumentEmbedder>[0]) => new DocumentEmbedder(params),
      {
        model: "openai-compatible:http://127.0.0.1:9/v1#bge-small-en",
        prefix: "passage: ",
        batchSize: 16,
        metaFields: ["title", "speaker"],
        separator: " | ",
        maxConcurrency: 2,
        onProgress: () => undefined,
      },
      // A progress callback is code, not configuration: it is deliberately not saved.
      { overrides: { onProgress: undefined } },
    ),
  ];
}
