/**
 * Which council to run: a council file (`--council`, else `TRAMA_COUNCIL`), or members named on the command line or
 * in the web app, or else the default council, from a running Ollama or the embedded GGUF models; then the
 * overrides on top.
 * @module
 */
import type { CouncilConfig, CouncilModel, CouncilTimeouts } from "../council-config.js";
import {
  type DefaultModel,
  type DownloadProgress,
  defaultGgufModels,
  ggufDefaultMembers,
} from "../defaults/gguf-default.js";
import { pickOllamaMembers, probeOllama } from "../defaults/ollama-default.js";
import { loadCouncilFile } from "./council-file.js";

/** What flags and the web app may change in a council. */
export interface CouncilOverrides {
  /** Replaces the members. */
  members?: CouncilModel[];
  chairman?: CouncilModel;
  titleModel?: CouncilModel;
  seed?: number;
  timeouts?: CouncilTimeouts;
  concurrency?: Record<string, number>;
  temperature?: number;
  maxTokens?: number;
}

/** A council to run, where it came from, and what the user should know about it. */
export interface ResolvedCouncil {
  config: CouncilConfig;
  source: "file" | "overrides" | "ollama" | "gguf";
  /** The file read, when there was one. */
  file?: string;
  /** Plain sentences: which models were picked and why, what limits apply. */
  notes: string[];
}

/** `config` with `overrides` applied; timeouts and concurrency are merged key by key. */
export function applyCouncilOverrides(config: CouncilConfig, overrides: CouncilOverrides = {}): CouncilConfig {
  const { timeouts, concurrency, members, ...rest } = overrides;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return {
    ...config,
    ...defined,
    ...(members?.length ? { members } : {}),
    ...(timeouts ? { timeouts: { ...config.timeouts, ...timeouts } } : {}),
    ...(concurrency ? { concurrency: { ...config.concurrency, ...concurrency } } : {}),
  };
}

/** Finds the council to run (see the module comment). Downloads the default GGUF models when they are needed. */
export async function resolveCouncilConfig(options: {
  file?: string;
  overrides?: CouncilOverrides;
  env: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  signal?: AbortSignal;
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /** The embedded defaults; tests swap them for tiny models. */
  defaultModels?: readonly DefaultModel[];
  /**
   * False to describe the council without fetching anything: the embedded models are named, not downloaded (a page
   * shows who will answer before the first question). Default true.
   */
  download?: boolean;
}): Promise<ResolvedCouncil> {
  const overrides = options.overrides ?? {};
  const file = options.file ?? (options.env.TRAMA_COUNCIL || undefined);
  if (file) {
    const config = await loadCouncilFile(file, options.cwd);
    return { config: applyCouncilOverrides(config, overrides), source: "file", file, notes: [] };
  }
  if (overrides.members?.length) {
    return { config: applyCouncilOverrides({ members: overrides.members }, overrides), source: "overrides", notes: [] };
  }
  const ollama = await probeOllama({ env: options.env, signal: options.signal });
  if (ollama.ok) {
    const picked = pickOllamaMembers(ollama.models, { baseURL: ollama.baseURL });
    if (picked.members.length > 0) {
      const names = picked.members.map((member) => member.name).join(", ");
      return {
        config: applyCouncilOverrides(
          {
            members: picked.members,
            ...(picked.chairman ? { chairman: picked.chairman } : {}),
            ...(picked.titleModel ? { titleModel: picked.titleModel } : {}),
          },
          overrides,
        ),
        source: "ollama",
        notes: [
          `No council file: using the models of Ollama at ${ollama.baseURL}: ${names}; ${picked.chairman} chairs.`,
          "They share one server, which serves one call at a time by default: set OLLAMA_NUM_PARALLEL for Ollama and raise `concurrency` for its URL in a council file to let members answer at once.",
        ],
      };
    }
  }
  const ollamaReason = ollama.ok ? `Ollama at ${ollama.baseURL} has no chat models` : ollama.reason;
  const models = options.defaultModels ?? defaultGgufModels;
  const members =
    options.download === false
      ? models.map((model) => ({ model: `gguf:${model.reference}`, name: model.name }))
      : await ggufDefaultMembers({
          env: options.env,
          ...(options.defaultModels ? { models: options.defaultModels } : {}),
          ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ollamaReason,
        });
  return {
    config: applyCouncilOverrides(
      { members, chairman: models[0]!.name, ...(models[1] ? { titleModel: models[1].name } : {}) },
      overrides,
    ),
    source: "gguf",
    notes: [
      `No council file and ${ollamaReason}: using the embedded models in this process: ${members.map((member) => member.name).join(", ")}${options.download === false ? " (fetched at the first question unless already in the models folder)" : ""}.`,
    ],
  };
}
