/**
 * A council configuration checked and completed: every model named uniquely, defaults filled in. This is what the
 * pipeline's components are built from, so it stays plain data.
 * @module
 */
import type { CouncilConfig, CouncilModel, CouncilModelSpec } from "./council-config.js";
import { CouncilError } from "./errors/council-error.js";

/** A model with the name the run refers to it by. */
export interface NamedModel extends CouncilModelSpec {
  name: string;
}

/** How every call is made, unless a model's spec says otherwise. */
export interface CallDefaults {
  maxRetries: number;
  temperature?: number;
  maxTokens?: number;
}

/** A council ready to run. */
export interface CouncilSetup {
  members: NamedModel[];
  chairman: NamedModel;
  titleModel?: NamedModel;
  timeouts: { answerMs: number; reviewMs: number; chairmanMs: number; titleMs: number };
  concurrency: Record<string, number>;
  seed: number;
  call: CallDefaults;
}

/** Default time limits: 5 minutes per answer and review, 10 for the chairman, 30 s for a title. */
export const defaultTimeouts = { answerMs: 300_000, reviewMs: 300_000, chairmanMs: 600_000, titleMs: 30_000 };

/** Checks `config` and fills in defaults; throws `CouncilError` naming what is wrong. */
export function setUpCouncil(config: CouncilConfig): CouncilSetup {
  if (!Array.isArray(config?.members) || config.members.length === 0) {
    throw new CouncilError(
      "A council needs at least one member: give members as model shorthands, such as ollama:qwen2.5:3b or openrouter:openai/gpt-5.1.",
    );
  }
  const taken = new Set<string>();
  const members = config.members.map((member, index) => named(member, `members[${index}]`, taken));
  const chairman =
    config.chairman === undefined
      ? members[0]!
      : (members.find((member) => sameModel(member, config.chairman!)) ??
        named(config.chairman, "chairman", new Set()));
  const titleModel =
    config.titleModel === undefined
      ? undefined
      : (members.find((member) => sameModel(member, config.titleModel!)) ??
        (sameModel(chairman, config.titleModel) ? chairman : named(config.titleModel, "titleModel", new Set())));
  const timeouts = { ...defaultTimeouts };
  for (const [key, value] of Object.entries(config.timeouts ?? {})) {
    if (!(key in timeouts)) {
      throw new CouncilError(`Unknown council timeout '${key}': use ${Object.keys(defaultTimeouts).join(", ")}.`);
    }
    if (value !== undefined) timeouts[key as keyof typeof timeouts] = positive(value, `timeouts.${key}`);
  }
  const concurrency: Record<string, number> = {};
  for (const [endpoint, value] of Object.entries(config.concurrency ?? {})) {
    concurrency[endpoint.replace(/\/+$/, "")] = Math.floor(positive(value, `concurrency['${endpoint}']`));
  }
  const seed = config.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new CouncilError(`The council's seed must be an integer, not ${String(seed)}.`);
  return {
    members,
    chairman,
    ...(titleModel ? { titleModel } : {}),
    timeouts,
    concurrency,
    seed,
    call: {
      maxRetries: config.maxRetries ?? 2,
      ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
      ...(config.maxTokens === undefined ? {} : { maxTokens: Math.floor(positive(config.maxTokens, "maxTokens")) }),
    },
  };
}

function named(model: CouncilModel, where: string, taken: Set<string>): NamedModel {
  const spec: CouncilModelSpec = typeof model === "string" ? { model } : { ...model };
  if (typeof spec.model !== "string" || !/^[a-z][a-z0-9+.-]*:./i.test(spec.model.trim())) {
    throw new CouncilError(
      `The council's ${where} is ${JSON.stringify(spec.model ?? model)}, which is not a model shorthand: write provider:model, such as ollama:qwen2.5:3b, openrouter:openai/gpt-5.1 or gguf:hf:user/repo/file.gguf.`,
    );
  }
  spec.model = spec.model.trim();
  const base = spec.name?.trim() || spec.model;
  let name = base;
  for (let copy = 2; taken.has(name); copy++) name = `${base} #${copy}`;
  taken.add(name);
  return { ...spec, name };
}

function sameModel(member: NamedModel, model: CouncilModel): boolean {
  if (typeof model === "string") return member.model === model.trim() || member.name === model.trim();
  return member.model === model.model.trim() && (model.name === undefined || model.name === member.name);
}

function positive(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new CouncilError(`The council's ${where} must be a positive number, not ${JSON.stringify(value)}.`);
  }
  return value;
}
