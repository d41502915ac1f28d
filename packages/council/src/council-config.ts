/**
 * What a council is made of: its members, its chairman, the model that titles conversations, time limits and
 * concurrency. Plain data, so a council file, CLI flags and the web app can all build and override it.
 * @module
 */

/** One model of the council, by its shorthand (`ollama:qwen2.5:7b`) or with options. */
export interface CouncilModelSpec {
  /** The model layer's shorthand: `ollama:…`, `openrouter:…`, `openai:…`, `gguf:hf:user/repo/file.gguf`, … */
  model: string;
  /** How the model is shown and referred to in results; unique within the council. Default: the shorthand. */
  name?: string;
  /** Options for building the model from its shorthand (base URL, API key as a Secret, context size, …). */
  modelOptions?: Record<string, unknown>;
  /** Sampling temperature of this model's calls; default the council's `temperature`. */
  temperature?: number;
  /** Cap on the tokens of each reply; default the council's `maxTokens`. */
  maxTokens?: number;
  /** Calls at once against this model's endpoint (server or GGUF file); overrides `CouncilConfig.concurrency`. */
  maxConcurrency?: number;
}

/** A model written as its shorthand or with options. */
export type CouncilModel = string | CouncilModelSpec;

/**
 * Time limits of each call, in milliseconds, per attempt (a retryable failure is tried again up to `maxRetries`
 * times). A member that runs out of time is reported and left out.
 */
export interface CouncilTimeouts {
  /** One member's answer (stage 1). Default 5 minutes. */
  answerMs?: number;
  /** One member's review (stage 2). Default 5 minutes. */
  reviewMs?: number;
  /** The chairman's final answer (stage 3). Default 10 minutes. */
  chairmanMs?: number;
  /** The conversation title. Default 30 s. */
  titleMs?: number;
}

/**
 * A council: who answers and ranks, who decides, and how calls are made.
 *
 * Members are any chat models, local and remote mixed. Their calls go through each endpoint's concurrency limit:
 * by default one call at a time for servers on this machine (Ollama, llama-server, in-process GGUF files) and 16 for
 * remote APIs, so members that share one local server answer in turn unless `concurrency` raises its limit.
 */
export interface CouncilConfig {
  /** The models that answer and review; at least one (two or more for reviews to mean anything). */
  members: CouncilModel[];
  /** Writes the final answer. Default: the first member. If it fails, the best-ranked member that answered takes over. */
  chairman?: CouncilModel;
  /** Names a new conversation in a few words; optional, and its failure never fails the council. */
  titleModel?: CouncilModel;
  timeouts?: CouncilTimeouts;
  /**
   * Calls at once per endpoint, keyed by the endpoint a model reports (a server's base URL such as
   * `http://127.0.0.1:11434`, or a GGUF file's path). Endpoints not listed keep the model layer's default.
   */
  concurrency?: Record<string, number>;
  /** Seeds each reviewer's shuffle of the answer labels, so a run can be repeated. Default: random per run. */
  seed?: number;
  /** Default sampling temperature of members' calls. Default: the provider's. */
  temperature?: number;
  /** Default cap on the tokens of each reply. Default: the provider's. */
  maxTokens?: number;
  /** Retries of a failed call before the member is left out (retryable failures only). Default 2. */
  maxRetries?: number;
}

/** One earlier turn of the conversation: what was asked, and the council's final answer. */
export interface CouncilTurn {
  question: string;
  answer: string;
}

/** What a council run is asked: the question, with the conversation so far for follow-up turns. */
export interface CouncilInput {
  question: string;
  /** Earlier turns, oldest first. Members see them as the conversation before the question. */
  history?: CouncilTurn[];
}

/** Options of one run. */
export interface CouncilRunOptions {
  /** Stops the run: calls in flight are aborted, and the result (status `cancelled`) keeps what was done. */
  signal?: AbortSignal;
  /** Ask the title model for a title; default true on the first turn (no history) when a title model is set. */
  title?: boolean;
}
