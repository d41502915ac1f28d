/**
 * Council files: YAML that sets members, chairman, title model, time limits, concurrency and sampling. Keys may be
 * written `snake_case` or `camelCase`; durations as milliseconds or with a unit (`90s`, `2m`, `500ms`). Every
 * mistake is a `CouncilFileError` that names the file and line and says how to fix it.
 *
 * @example
 * members:
 *   - ollama:qwen2.5:7b
 *   - model: openrouter:openai/gpt-5.1
 *     name: gpt
 *     temperature: 0.2
 * chairman: openrouter:anthropic/claude-sonnet-4.5
 * title_model: ollama:qwen2.5:0.5b
 * timeouts: { answer: 2m, review: 2m, chairman: 5m }
 * concurrency: { "http://127.0.0.1:11434": 2 }
 * @module
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { CouncilConfig, CouncilModel, CouncilModelSpec, CouncilTimeouts } from "../council-config.js";
import { CouncilFileError } from "../errors/council-file-error.js";

const topKeys = {
  members: "members",
  chairman: "chairman",
  title_model: "titleModel",
  timeouts: "timeouts",
  concurrency: "concurrency",
  seed: "seed",
  temperature: "temperature",
  max_tokens: "maxTokens",
  max_retries: "maxRetries",
} as const;
const modelKeys = {
  model: "model",
  name: "name",
  model_options: "modelOptions",
  temperature: "temperature",
  max_tokens: "maxTokens",
  max_concurrency: "maxConcurrency",
} as const;
const timeoutKeys = { answer: "answerMs", review: "reviewMs", chairman: "chairmanMs", title: "titleMs" } as const;

/** Reads and checks the council file at `path` (relative to `cwd`). */
export async function loadCouncilFile(path: string, cwd = process.cwd()): Promise<CouncilConfig> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    const reason = (error as { code?: string }).code === "ENOENT" ? "there is no such file" : (error as Error).message;
    throw new CouncilFileError(`cannot read the council file: ${reason}. Check the path given to --council.`, absolute);
  }
  return parseCouncilFile(text, absolute);
}

/** Parses and checks a council file's text; `file` is named in errors. */
export function parseCouncilFile(text: string, file = "council.yaml"): CouncilConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: "core",
    strict: true,
  });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const problem = [...document.errors, ...document.warnings][0];
  if (problem) {
    throw new CouncilFileError(
      `invalid YAML: ${problem.message.split("\n")[0]}. Fix the syntax (indentation, quotes around values with a colon and space).`,
      file,
      lineCounter.linePos(problem.pos[0]).line,
    );
  }
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new CouncilFileError(message, file, lineOf(node));
  };
  const root = document.contents as Node | null;
  if (!isMap(root))
    fail(root, "a council file is a YAML mapping with at least `members:` (a list of model shorthands).");
  const config: Record<string, unknown> = {};
  for (const pair of (root as import("yaml").YAMLMap<Node, Node>).items) {
    const key = keyOf(pair.key, topKeys, "council file", fail);
    const value = pair.value;
    switch (key) {
      case "members": {
        if (!isSeq(value) || value.items.length === 0) {
          fail(value ?? pair.key, "`members` must be a list of at least one model, such as `- ollama:qwen2.5:7b`.");
        }
        config.members = (value as import("yaml").YAMLSeq<Node>).items.map((item) => modelOf(item, "a member", fail));
        break;
      }
      case "chairman":
      case "titleModel":
        config[key] = modelOf(value, key === "chairman" ? "the chairman" : "the title model", fail);
        break;
      case "timeouts":
        config.timeouts = timeoutsOf(value, fail);
        break;
      case "concurrency": {
        if (!isMap(value))
          fail(value ?? pair.key, '`concurrency` maps endpoints to numbers: `"http://127.0.0.1:11434": 2`.');
        const limits: Record<string, number> = {};
        for (const entry of (value as import("yaml").YAMLMap<Node, Node>).items) {
          const endpoint = isScalar(entry.key) ? String(entry.key.value) : fail(entry.key, "an endpoint must be text.");
          limits[endpoint] = numberOf(entry.value, `the concurrency of ${endpoint}`, fail, { integer: true });
        }
        config.concurrency = limits;
        break;
      }
      case "seed":
        config.seed = numberOf(value, "`seed`", fail, { integer: true, zero: true });
        break;
      case "temperature":
        config.temperature = numberOf(value, "`temperature`", fail, { zero: true });
        break;
      case "maxTokens":
      case "maxRetries":
        config[key] = numberOf(value, `\`${key === "maxTokens" ? "max_tokens" : "max_retries"}\``, fail, {
          integer: true,
          zero: key === "maxRetries",
        });
        break;
    }
  }
  if (!config.members)
    fail(root, "the council file has no `members:`: list the models that answer, such as `- ollama:qwen2.5:7b`.");
  return config as unknown as CouncilConfig;
}

type Fail = (node: Node | null | undefined, message: string) => never;

function keyOf<K extends Record<string, string>>(key: unknown, keys: K, where: string, fail: Fail): K[keyof K] {
  const name = isScalar(key) ? String(key.value) : fail(key as Node, `${where} keys must be plain words.`);
  const snake = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const known = keys[snake as keyof K];
  if (known === undefined) {
    const names = Object.keys(keys);
    const close = names.find((candidate) => editDistance(candidate, snake) <= 2);
    fail(
      key as Node,
      `unknown key '${name}' in the ${where}.${close ? ` Did you mean '${close}'?` : ""} Keys: ${names.join(", ")}.`,
    );
  }
  return known as K[keyof K];
}

function modelOf(node: Node | null | undefined, what: string, fail: Fail): CouncilModel {
  if (isScalar(node) && typeof node.value === "string") return shorthandOf(node, node.value, what, fail);
  if (!isMap(node))
    return fail(node, `${what} is a model shorthand (\`ollama:qwen2.5:7b\`) or a mapping with \`model:\`.`);
  const spec: Record<string, unknown> = {};
  for (const pair of (node as import("yaml").YAMLMap<Node, Node>).items) {
    const key = keyOf(pair.key, modelKeys, `settings of ${what}`, fail);
    const value = pair.value;
    if (key === "model")
      spec.model = isScalar(value)
        ? shorthandOf(value, String(value.value), what, fail)
        : fail(value, "`model` must be a shorthand.");
    else if (key === "name")
      spec.name =
        isScalar(value) && String(value.value).trim()
          ? String(value.value).trim()
          : fail(value, "`name` must be text.");
    else if (key === "modelOptions")
      spec.modelOptions = isMap(value) ? value.toJSON() : fail(value, "`model_options` must be a mapping.");
    else
      spec[key] = numberOf(value, `\`${key}\``, fail, { integer: key !== "temperature", zero: key === "temperature" });
  }
  if (spec.model === undefined) fail(node, `${what} needs \`model:\`, a shorthand such as ollama:qwen2.5:7b.`);
  return spec as unknown as CouncilModelSpec;
}

function shorthandOf(node: Node, value: string, what: string, fail: Fail): string {
  const text = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:./i.test(text)) {
    fail(
      node,
      `'${text}' (${what}) is not a model shorthand: write provider:model, such as ollama:qwen2.5:7b, openrouter:openai/gpt-5.1 or gguf:hf:user/repo/file.gguf.`,
    );
  }
  return text;
}

function timeoutsOf(node: Node | null | undefined, fail: Fail): CouncilTimeouts {
  if (!isMap(node))
    return fail(
      node,
      "`timeouts` maps stages to durations: `answer: 2m`, `review: 90s`, `chairman: 5m`, `title: 20s`.",
    );
  const timeouts: CouncilTimeouts = {};
  for (const pair of (node as import("yaml").YAMLMap<Node, Node>).items) {
    const raw = isScalar(pair.key) ? String(pair.key.value).replace(/_?ms$/i, "") : "";
    const key = timeoutKeys[raw.toLowerCase() as keyof typeof timeoutKeys];
    if (key === undefined) fail(pair.key as Node, `unknown timeout '${raw}': use answer, review, chairman or title.`);
    timeouts[key as keyof CouncilTimeouts] = durationOf(pair.value, fail);
  }
  return timeouts;
}

function durationOf(node: Node | null | undefined, fail: Fail): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === "number" && value > 0) return value;
  const match = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(value) : null;
  if (!match || Number(match[1]) <= 0)
    return fail(node, "a duration is milliseconds (`120000`) or a number with a unit: `500ms`, `90s`, `2m`, `1h`.");
  const unit = (match[2] ?? "ms").toLowerCase();
  const factor = unit === "ms" ? 1 : unit === "s" ? 1000 : unit === "h" ? 3_600_000 : 60_000;
  return Math.round(Number(match[1]) * factor);
}

function numberOf(
  node: Node | null | undefined,
  what: string,
  fail: Fail,
  rules: { integer?: boolean; zero?: boolean },
): number {
  const value = isScalar(node) ? node.value : undefined;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (rules.zero ? value >= 0 : value > 0) &&
    (!rules.integer || Number.isInteger(value));
  if (!ok)
    fail(
      node,
      `${what} must be a ${rules.zero ? "non-negative" : "positive"} ${rules.integer ? "whole number" : "number"}.`,
    );
  return value as number;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
