/**
 * Reads pipeline files defensively. A file may come from anywhere, so before any of it becomes a JavaScript value
 * it is checked: size, YAML errors and warnings, tags outside the core schema (`!!js/function`, custom tags), alias
 * bombs, and keys that could reach object prototypes (`__proto__`, `constructor`, `prototype`). Every refusal is a
 * `SerializationError` naming the file, line and column.
 * @module
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { SerializationError, type SourceLocation } from "../errors/serialization-error.js";

// `yaml` takes about 50 ms to import: load it the first time a pipeline is read or written as YAML, not with core.
const requireModule = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
export const yaml = (): typeof Yaml => {
  yamlModule ??= requireModule("yaml") as typeof Yaml;
  return yamlModule;
};

/** Keys refused anywhere in a pipeline file or a component's saved parameters. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** The default size limit of a pipeline file: generous for real pipelines, far below what could hurt. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Aliases allowed in one file; YAML's "billion laughs" needs many more. */
const MAX_ALIASES = 100;
/** Explicit tags allowed: the core schema's plain types. Others (`!!set`, `!!binary`, `!!js/…`, `!custom`) are refused. */
const ALLOWED_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`),
);
const TAGS_HINT =
  "Pipeline files use plain YAML only: tags such as !!js/function, !!set or custom !tags are not allowed.";

/** A parsed file: its plain value and where each path of it is in the text. */
export interface ParsedFile {
  value: unknown;
  positionOf(path: (string | number)[]): SourceLocation;
}

export function readPipelineText(text: string, options: { file?: string; maxBytes?: number } = {}): ParsedFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxBytes) {
    throw new SerializationError(
      `The pipeline file is ${bytes} bytes, over the limit of ${maxBytes}. Pass a larger maxBytes to load it if you trust it.`,
      { file: options.file },
    );
  }
  const { LineCounter, parseDocument, visit, isAlias, isScalar } = yaml();
  const lineCounter = new LineCounter();
  const locate = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) return { file: options.file };
    const { line, col } = lineCounter.linePos(offset);
    return { file: options.file, line, column: col };
  };
  let document: Yaml.Document.Parsed;
  try {
    document = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      schema: "core",
      strict: true,
    });
  } catch (error) {
    throw new SerializationError(`The file cannot be read as YAML: ${(error as Error).message}`, locate(undefined), {
      cause: error,
    });
  }
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    const first = problems[0]!;
    const tag = /tag/i.test(first.message) ? ` ${TAGS_HINT}` : "";
    throw new SerializationError(`Invalid YAML: ${first.message.split("\n")[0]}.${tag}`, locate(first.pos[0]));
  }
  let aliases = 0;
  let firstAlias: number | undefined;
  visit(document, {
    Node(_, node) {
      if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
        throw new SerializationError(`The tag ${node.tag} is not allowed. ${TAGS_HINT}`, locate(node.range?.[0]));
      }
    },
    Alias(_, node) {
      aliases++;
      firstAlias ??= node.range?.[0];
      if (aliases > MAX_ALIASES) {
        throw new SerializationError(
          `The file uses more than ${MAX_ALIASES} YAML aliases, which is refused as a resource-exhaustion risk.`,
          locate(node.range?.[0]),
        );
      }
    },
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && FORBIDDEN_KEYS.has(String(key.value))) {
        throw new SerializationError(
          `The key '${String(key.value)}' is not allowed in pipeline files (it could reach object prototypes). Rename it.`,
          locate(key.range?.[0]),
        );
      }
      if (isAlias(key)) throw new SerializationError("Aliases cannot be used as keys.", locate(key.range?.[0]));
    },
  });
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new SerializationError(
      `The file's YAML aliases expand too much, which is refused as a resource-exhaustion risk (${(error as Error).message}).`,
      locate(firstAlias),
      { cause: error },
    );
  }
  const positionOf = (path: (string | number)[]): SourceLocation => {
    const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return locate(node?.range?.[0]);
  };
  return { value, positionOf };
}

/**
 * Refuses prototype-reaching keys in plain data (a pipeline given as an object, or parsed from JSON elsewhere),
 * naming the path of the first one.
 */
export function checkKeys(value: unknown, path: string, seen = new Set<unknown>()): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkKeys(item, `${path}[${index}]`, seen);
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new SerializationError(
        `The key '${key}' at '${path}' is not allowed in pipeline data (it could reach object prototypes). Rename it.`,
      );
    }
    checkKeys((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, seen);
  }
}
