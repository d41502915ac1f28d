/**
 * One or more realistic samples of every component type Trama's packages export, for the round-trip test beside
 * this file. Every sample sets its parameters to values other than the defaults, so a parameter that saving drops or
 * loading ignores changes the saved file. Models are shorthands or live models pointing at a loopback port nothing
 * listens on (nothing is called); stores are live in-memory, SQLite (a temporary file) and Postgres stores (a pool
 * that never connects), a shorthand, and a saved configuration.
 * @module
 */
import { join } from "node:path";
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
import {
  type AnyComponent,
  ChatMessage,
  chatMessageType,
  documentType,
  Pipeline,
  PipelineComponent,
  Secret,
  t,
} from "@trama/core";
import { CouncilAggregate, CouncilAnswer, CouncilChairman, CouncilReview, CouncilTitle } from "@trama/council";
import {
  Agent,
  ChatGenerator,
  type ChatGeneratorParams,
  DocumentEmbedder,
  defineTool,
  FallbackChatGenerator,
  TextEmbedder,
  ToolInvoker,
} from "@trama/models";
import { OllamaChatModel, OllamaEmbeddingModel } from "@trama/ollama";
import { PostgresDocumentStore } from "@trama/postgres";
import {
  AnswerExactMatchEvaluator,
  BM25Retriever,
  ContextRelevanceEvaluator,
  CSVToDocument,
  DocumentCleaner,
  DocumentMRREvaluator,
  DocumentNDCGEvaluator,
  DocumentRecallEvaluator,
  DocumentSplitter,
  DocumentWriter,
  EmbeddingRetriever,
  FaithfulnessEvaluator,
  FileTypeRouter,
  HTMLToDocument,
  HybridRetriever,
  InMemoryDocumentStore,
  JSONConverter,
  LLMRanker,
  LostInTheMiddleRanker,
  MarkdownToDocument,
  MetaFieldRanker,
  MultiFileConverter,
  PDFToDocument,
  TextFileToDocument,
} from "@trama/retrieval";
import { SqliteDocumentStore } from "@trama/sqlite";
import {
  ApplyGlossary,
  AssembleEpisode,
  ChapterListParser,
  CleanFillers,
  EpisodeRenderer,
  FixJargon,
  GlossaryParser,
  MergeEpisode,
  PostReader,
  PostValidator,
  TitleChapters,
  TranscriptParser,
  TransferSpeakers,
} from "@trama/transcripts";

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
}

/** Live objects the samples hold, to close when the test is done. */
export interface SampleResources {
  readonly samples: ComponentSample[];
  readonly tools: ReturnType<typeof defineTool>[];
  close(): Promise<void>;
}

/** A port nothing listens on: models point here, and no sample ever calls them. */
const loopback = "http://127.0.0.1:9";
/** The environment variable the Postgres samples name; set to a loopback URL so the pool can be built. */
export const postgresVariable = "TRAMA_ROUND_TRIP_DATABASE_URL";

/**
 * A sample built by `create` from `params`; the file must save the parameters as JSON, except the keys of
 * `overrides` (live objects), saved as given there (`undefined`: not saved at all).
 */
function sample<P extends object>(
  create: (params: P) => AnyComponent,
  params: NoInfer<P>,
  options: { note?: string; overrides?: Record<string, unknown>; warmUp?: boolean } = {},
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
  };
}

const weather = defineTool({
  name: "weather",
  description: "The weather in a city today.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  invoke: ({ city }: { city: string }) => `Sunny in ${city}`,
});
const finalAnswer = defineTool({
  name: "final_answer",
  description: "Gives the final answer.",
  parameters: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
  invoke: ({ answer }: { answer: string }) => answer,
});

/** A chat model as parameters: a shorthand with options other than the defaults. */
const qwen: ChatGeneratorParams = {
  model: "ollama:qwen2.5:7b-instruct",
  modelOptions: { baseURL: loopback, numCtx: 8192, keepAlive: "10m" },
  temperature: 0.2,
  maxTokens: 600,
};
const qwenSaved = { type: "trama.ChatGenerator", init_parameters: qwen };

/** Builds every sample; `folder` is an empty temporary folder for the SQLite file and the memory store's file. */
export function componentSamples(folder: string): SampleResources {
  // Every option of each live store is set, and the retrievers holding them must save all of them: the store's
  // configuration is the options it was built with, with its kind (a connection string never, only its variable).
  const memoryOptions = {
    analyzer: "italian",
    bm25: { variant: "bm25+", k1: 1.5, b: 0.6, delta: 0.5 },
    similarity: "dot",
    vectorStorage: "int8",
  } as const;
  const sqliteOptions = {
    path: join(folder, "documents.db"),
    language: "italian",
    similarity: "dot",
    synchronous: "FULL",
  } as const;
  const postgresOptions = {
    connectionVariable: postgresVariable,
    schema: "podcast",
    table: "episodes",
    language: "italian",
    similarity: "dot",
    embeddingDimension: 384,
    vectorIndex: "hnsw",
    createExtension: false,
    maxConnections: 3,
  } as const;
  const memoryStore = new InMemoryDocumentStore(memoryOptions);
  const sqliteStore = new SqliteDocumentStore(sqliteOptions);
  const postgresStore = new PostgresDocumentStore(postgresOptions);
  const liveModel = new OllamaChatModel("llama3.2:3b", { baseURL: loopback, numCtx: 4096, think: false });
  const liveGenerator = new ChatGenerator({ model: liveModel, temperature: 0.9, maxRetries: 1 });
  const liveGeneratorSaved = {
    type: "trama.ChatGenerator",
    init_parameters: {
      model: "ollama:llama3.2:3b",
      modelOptions: { baseURL: loopback, numCtx: 4096, think: false },
      temperature: 0.9,
      maxRetries: 1,
    },
  };
  const member = {
    name: "qwen",
    model: "ollama:qwen2.5:7b-instruct",
    modelOptions: { baseURL: loopback },
    temperature: 0.4,
    maxTokens: 900,
    maxConcurrency: 1,
  };
  const otherMember = { name: "llama", model: "openai-compatible:http://127.0.0.1:9/v1#llama-3.1-8b" };
  const council = { call: { maxRetries: 1, temperature: 0.6, maxTokens: 1200 }, concurrency: { [loopback]: 2 } };
  const glossary = [
    { heard: "cloud", term: "Claude", context: ["Anthropic", "modello"] },
    { heard: "carpati", term: "Karpathy", always: true },
  ];
  const inner = new Pipeline({ metadata: { purpose: "answer prompt" } })
    .add("prompt", PromptBuilder({ template: "Rispondi a {{ question }} in {{ language }}.", requiredVariables: "*" }))
    .add("joiner", StringJoiner())
    .connect("prompt.prompt", "joiner.strings");

  const samples: ComponentSample[] = [
    // @trama/core
    sample(
      (params: ConstructorParameters<typeof PipelineComponent>[0]) => new PipelineComponent(params),
      { pipeline: inner, inputs: { question: ["prompt.question"], language: ["prompt.language"] } },
      { overrides: { pipeline: JSON.parse(JSON.stringify(inner.toJSON())), outputs: { "joiner.strings": "strings" } } },
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
    sample(AnswerBuilder, {
      pattern: "Risposta: (.*)",
      referencePattern: "\\[([\\d, ]+)\\]",
      returnOnlyReferencedDocuments: false,
      lastMessageOnly: true,
    }),
    sample(AnswerJoiner, { topK: 3 }),
    sample(BranchJoiner, { type: t.list(documentType) }),
    sample(BranchJoiner, { type: "record<string>" }, { note: "type by name" }),
    sample(ChatPromptBuilder, {
      template: [
        ChatMessage.system("Rispondi in {{ language }}."),
        ChatMessage.user("Domanda: {{ question }}", { name: "ascoltatore" }),
      ],
      variables: ["question", "language", "style"],
      requiredVariables: ["question"],
    }),
    sample(ConditionalRouter, {
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
    }),
    sample(DocumentJoiner, { mode: "reciprocal_rank_fusion", weights: [2, 1], topK: 7, sortByScore: false }),
    sample(ListJoiner, { type: t.list(chatMessageType) }),
    sample(OutputAdapter, { template: "{{ documents[0].content }}", outputType: "string" }),
    sample(PromptBuilder, {
      template:
        "Contesto:\n{% for document in documents %}- {{ document.content }}\n{% endfor %}Domanda: {{ question }}",
      variables: ["documents", "question", "tone"],
      requiredVariables: ["question"],
    }),
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
      { model: liveModel, maxTokens: 99 },
      {
        note: "a live model",
        overrides: { model: "ollama:llama3.2:3b", modelOptions: { baseURL: loopback, numCtx: 4096, think: false } },
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
      { generators: [liveGenerator, qwen] },
      { overrides: { generators: [liveGeneratorSaved.init_parameters, qwen] } },
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
      { generator: liveGenerator, tools: [finalAnswer] },
      {
        note: "a live generator",
        overrides: { generator: liveGeneratorSaved.init_parameters, tools: ["final_answer"] },
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

    // @trama/retrieval
    sample(
      BM25Retriever,
      {
        store: memoryStore,
        filters: { field: "meta.language", operator: "==", value: "it" },
        topK: 4,
        scaleScore: true,
        filterPolicy: "merge",
      },
      {
        note: "a live memory store",
        overrides: {
          store: { kind: "memory", ...memoryOptions },
        },
      },
    ),
    sample(
      EmbeddingRetriever,
      { store: sqliteStore, similarity: "cosine", topK: 3, scaleScore: true },
      {
        note: "a live SQLite store",
        overrides: {
          store: { kind: "sqlite", ...sqliteOptions },
        },
      },
    ),
    sample(
      HybridRetriever,
      {
        store: postgresStore,
        join: "merge",
        weights: [0.3, 0.7],
        candidates: 20,
        topK: 5,
        filters: {
          operator: "AND",
          conditions: [
            { field: "meta.episode", operator: ">=", value: 40 },
            { field: "meta.speaker", operator: "in", value: ["Paolo", "Stefano"] },
          ],
        },
        filterPolicy: "merge",
      },
      {
        note: "a live Postgres store",
        warmUp: false,
        overrides: {
          store: { kind: "postgres", ...postgresOptions },
        },
      },
    ),
    sample(
      HybridRetriever,
      { store: { kind: "memory", analyzer: "english", similarity: "dot" }, join: "reciprocal_rank_fusion", topK: 2 },
      { note: "a saved store configuration" },
    ),
    sample(
      DocumentWriter,
      { store: `sqlite:${join(folder, "written.db")}`, policy: "overwrite" },
      { note: "a store shorthand" },
    ),
    sample(
      LLMRanker,
      { generator: liveGenerator, topK: 3, maxCharacters: 500 },
      {
        overrides: { generator: liveGeneratorSaved },
      },
    ),
    sample(LostInTheMiddleRanker, { wordCountThreshold: 300, topK: 6 }),
    sample(MetaFieldRanker, {
      metaField: "published",
      weight: 0.5,
      topK: 4,
      rankingMode: "linear_score",
      sortOrder: "ascending",
      missingMeta: "top",
      metaValueType: "date",
    }),
    sample(FileTypeRouter, {
      mimeTypes: ["text/plain", "application/pdf", "text/.*"],
      additionalMimetypes: { ".srt": "text/srt" },
    }),
    sample(TextFileToDocument, { encoding: "latin1", storeFullPath: true }),
    sample(CSVToDocument, { encoding: "utf-16le", storeFullPath: true }),
    sample(HTMLToDocument, { encoding: "latin1", storeFullPath: true }),
    sample(MarkdownToDocument, { encoding: "latin1", storeFullPath: true }),
    sample(JSONConverter, { contentKey: "body", extraMetaFields: ["author", "date"], storeFullPath: true }),
    sample(MultiFileConverter, {
      encoding: "latin1",
      jsonContentKey: "text",
      documentPerPage: true,
      storeFullPath: true,
    }),
    sample(PDFToDocument, { documentPerPage: true, storeFullPath: true }),
    sample(
      ContextRelevanceEvaluator,
      { generator: new ChatGenerator(qwen), raiseOnFailure: false },
      {
        overrides: { generator: qwenSaved },
      },
    ),
    sample(
      FaithfulnessEvaluator,
      { generator: new ChatGenerator(qwen), raiseOnFailure: false },
      {
        overrides: { generator: qwenSaved },
      },
    ),
    sample(DocumentRecallEvaluator, { k: 5, compareBy: "id", mode: "multi_hit" }),
    sample(DocumentMRREvaluator, { k: 10, compareBy: "id" }),
    sample(DocumentNDCGEvaluator, { k: 3, compareBy: "id" }),
    sample(AnswerExactMatchEvaluator, { normalize: true }),
    sample(DocumentCleaner, {
      removeEmptyLines: false,
      removeExtraWhitespaces: false,
      removeRepeatedSubstrings: true,
      removeSubstrings: ["Pagina", "Trascrizione automatica"],
      removeRegex: "\\[\\d+\\]",
      unicodeNormalization: "NFKC",
      asciiOnly: true,
      keepId: true,
    }),
    sample(DocumentSplitter, {
      splitBy: "word",
      splitLength: 120,
      splitOverlap: 20,
      splitThreshold: 10,
      respectSentenceBoundary: true,
      language: "it",
      skipEmptyDocuments: false,
    }),

    // @trama/council
    sample(CouncilAnswer, { member, timeoutMs: 90_000, ...council }),
    sample(CouncilReview, { member, seed: 42, timeoutMs: 60_000, ...council }),
    sample(CouncilAggregate, {}),
    sample(CouncilChairman, { chairman: member, members: [member, otherMember], timeoutMs: 120_000, ...council }),
    sample(CouncilTitle, { model: otherMember, timeoutMs: 15_000, ...council }),

    // @trama/transcripts
    sample(TranscriptParser, { format: "sbv" }),
    sample(ChapterListParser, {}),
    sample(PostReader, {}),
    sample(PostValidator, { roster: ["Paolo Antinori", "Stefano Maestri"], requiredKeys: ["title", "youtube_id"] }),
    sample(EpisodeRenderer, { format: "vtt", maxSeconds: 5, maxCharacters: 60 }),
    sample(EpisodeRenderer, { format: "post", accents: "apostrophe", turnTimes: true }, { note: "a post" }),
    sample(MergeEpisode, {
      glossary,
      options: {
        transfer: { shortTurnWords: 3, timeTolerance: 45 },
        shortTurns: { restoreDropped: false, snapToSentences: false, before: 4, after: 6 },
        chapters: { tolerance: 10 },
        turns: { paragraphWords: 80 },
        fillers: false,
      },
    }),
    sample(GlossaryParser, {}),
    sample(TransferSpeakers, {
      transfer: { shortTurnWords: 4, timeTolerance: 30 },
      shortTurns: { restoreDropped: false, before: 2, after: 3 },
    }),
    sample(ApplyGlossary, { glossary }),
    sample(CleanFillers, {}),
    sample(AssembleEpisode, { chapters: { tolerance: 12 }, turns: { paragraphWords: 60 } }),
    sample(FixJargon, { generator: qwen, glossary, options: { maxSpans: 5, context: 8 } }),
    sample(
      TitleChapters,
      { generator: liveGenerator, options: { minutes: 6, excerptWords: 40, maxLength: 50, fallback: "Capitolo" } },
      { note: "a live generator", overrides: { generator: liveGeneratorSaved.init_parameters } },
    ),
  ];

  return {
    samples,
    tools: [weather, finalAnswer],
    close: async () => {
      await Promise.all([memoryStore.close(), sqliteStore.close(), postgresStore.close()]);
    },
  };
}
