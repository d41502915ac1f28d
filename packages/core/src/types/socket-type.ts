/**
 * Runtime descriptions of the values sockets carry. Each descriptor also carries the static TypeScript type, so
 * a pipeline built in code is checked by the compiler and one loaded from YAML is checked at connect time.
 * @module
 */
import { PipelineDefinitionError } from "../errors/pipeline-errors.js";

/** The shapes a socket type can take. */
export type SocketKind =
  | "any"
  | "string"
  | "number"
  | "boolean"
  | "null"
  | "undefined"
  | "list"
  | "record"
  | "union"
  | "named"
  | "literal";

/** How an input socket collects values: one value, all senders' values (lazy), or the first value (greedy). */
export type Variadic = "none" | "lazy" | "greedy";

/** A socket type: a runtime descriptor whose phantom `T` is the static type of the values. */
export class SocketType<T = unknown> {
  /** Phantom field: never set at runtime, only carries `T` for the compiler. */
  declare readonly __value: T;

  constructor(
    readonly kind: SocketKind,
    /** Display name, as shown in errors and diagrams: `list<Document>`, `string | null`. */
    readonly name: string,
    readonly item?: SocketType,
    readonly members?: readonly SocketType[],
    readonly literal?: string | number | boolean,
  ) {}

  /** An input socket with this type that takes `value` when nothing is sent to it. */
  default(value: T): InputSocket<T, "none"> {
    return { type: this, mandatory: false, default: value, variadic: "none" };
  }

  /** An input socket with this type that may stay empty: the component receives `undefined`. */
  optional(): InputSocket<T | undefined, "none"> {
    return { type: this as SocketType<T | undefined>, mandatory: false, default: undefined, variadic: "none" };
  }

  /** A lazy variadic input: waits for every connected sender and receives all their values as a list. */
  variadic(): InputSocket<T, "lazy"> {
    return { type: this, mandatory: true, variadic: "lazy" };
  }

  /** A greedy variadic input: runs as soon as any sender delivers, receiving that one value in a list (for loops). */
  greedy(): InputSocket<T, "greedy"> {
    return { type: this, mandatory: true, variadic: "greedy" };
  }

  toString(): string {
    return this.name;
  }

  /** Saved by name: `list<Document>`; `parseSocketType` reads it back. */
  toJSON(): string {
    return this.name;
  }
}

/** True for list types, and unions of lists with null or undefined: sockets that can join several senders. */
export function isListType(type: SocketType): boolean {
  if (type.kind === "list") return true;
  return (
    type.kind === "union" &&
    (type.members ?? []).some((member) => member.kind === "list") &&
    (type.members ?? []).every(
      (member) => member.kind === "list" || member.kind === "null" || member.kind === "undefined",
    )
  );
}

/** A socket type given directly, or by its name as in pipeline files. */
export function toSocketType(type: SocketType | string | undefined, fallback: SocketType = t.any): SocketType {
  if (type === undefined) return fallback;
  return typeof type === "string" ? parseSocketType(type) : type;
}

/** A declared input socket: its type, whether it is mandatory or has a default, and how it collects values. */
export interface InputSocket<T = unknown, V extends Variadic = Variadic> {
  readonly type: SocketType<T>;
  readonly mandatory: boolean;
  readonly default?: unknown;
  readonly variadic: V;
}

/** Input sockets as declared by a component: a bare type is a mandatory socket. */
export type InputSocketMap = Record<string, SocketType<any> | InputSocket<any, Variadic>>;
/** Output sockets as declared by a component. */
export type OutputSocketMap = Record<string, SocketType<any>>;

/** The static type a socket type describes. */
export type ValueOf<S> = S extends SocketType<infer T> ? T : never;

/** The value a component receives on an input socket: a list for variadic sockets. */
export type InputValue<S> =
  S extends SocketType<infer T> ? T : S extends InputSocket<infer T, infer V> ? (V extends "none" ? T : T[]) : never;

/** The value a sender must deliver to an input socket: the element type for variadic sockets. */
export type AcceptedValue<S> = S extends SocketType<infer T> ? T : S extends InputSocket<infer T, any> ? T : never;

/** What `run` receives, defaults filled in. */
export type InputValues<I extends InputSocketMap> = { [K in keyof I]: InputValue<I[K]> };

/** What `run` returns: any subset of the outputs (a router emits on some only). */
export type OutputValues<O extends OutputSocketMap> = { [K in keyof O]?: ValueOf<O[K]> };

/** Normalizes a declared input (bare type or socket) into an `InputSocket`. */
export function toInputSocket(declared: SocketType | InputSocket): InputSocket {
  return declared instanceof SocketType ? { type: declared, mandatory: true, variadic: "none" } : declared;
}

function simple<T>(kind: SocketKind): SocketType<T> {
  return new SocketType<T>(kind, kind);
}

/** Builders for socket types. */
export const t = {
  /** Anything: connects to and from every type. */
  any: new SocketType<any>("any", "any"),
  /** Anything, typed as `unknown` for the receiving code. */
  unknown: new SocketType<unknown>("any", "any"),
  string: simple<string>("string"),
  number: simple<number>("number"),
  boolean: simple<boolean>("boolean"),
  null: simple<null>("null"),
  undefined: simple<undefined>("undefined"),
  /** A list of `item`. */
  list<T>(item: SocketType<T>): SocketType<T[]> {
    return new SocketType<T[]>("list", `list<${item.name}>`, item);
  },
  /** An object with string keys and `value` values. */
  record<T>(value: SocketType<T>): SocketType<Record<string, T>> {
    return new SocketType<Record<string, T>>("record", `record<${value.name}>`, value);
  },
  /** One of several types. */
  union<M extends SocketType<any>[]>(...members: M): SocketType<ValueOf<M[number]>> {
    const flat = members.flatMap((member) => (member.kind === "union" ? (member.members ?? []) : [member]));
    return new SocketType("union", flat.map((member) => member.name).join(" | "), undefined, flat);
  },
  /** `type` or `null`. */
  nullable<T>(type: SocketType<T>): SocketType<T | null> {
    return t.union(type, t.null);
  },
  /**
   * A class or interface known by name, such as `Document` or `ChatMessage`; equal names connect. The name becomes
   * known to `parseSocketType`, so a file naming it (a `BranchJoiner` of `Episode`) loads wherever the code that
   * declares the type is loaded.
   */
  named<T>(name: string): SocketType<T> {
    const type = new SocketType<T>("named", name);
    if (!namedTypes.has(name)) namedTypes.set(name, type);
    return type;
  },
  /** One exact value. */
  literal<L extends string | number | boolean>(value: L): SocketType<L> {
    return new SocketType<L>("literal", JSON.stringify(value), undefined, undefined, value);
  },
};

/**
 * Whether values of type `from` can be delivered unchanged to a socket of type `to`.
 * Unions on the sending side must fit entirely; on the receiving side one member must fit.
 */
export function isAssignable(from: SocketType, to: SocketType): boolean {
  if (to.kind === "any" || from.kind === "any") return true;
  if (from.kind === "union") return (from.members ?? []).every((member) => isAssignable(member, to));
  if (to.kind === "union") return (to.members ?? []).some((member) => isAssignable(from, member));
  if (from.kind === "literal") {
    if (to.kind === "literal") return from.literal === to.literal;
    return typeof from.literal === to.kind;
  }
  if (from.kind !== to.kind) return false;
  switch (from.kind) {
    case "list":
    case "record":
      return isAssignable(from.item!, to.item!);
    case "named":
      return from.name === to.name;
    default:
      return true;
  }
}

/**
 * Rebuilds a socket type from its display name, for pipelines loaded from files that declare types by name.
 * Named types must have been made with `t.named` (or registered with `registerNamedType`) first.
 */
export function parseSocketType(name: string, named: ReadonlyMap<string, SocketType> = namedTypes): SocketType {
  const text = name.trim();
  const parts = splitTopLevel(text, "|");
  if (parts.length > 1) return t.union(...parts.map((part) => parseSocketType(part, named)));
  const generic = /^(list|record)<(.*)>$/.exec(text);
  if (generic) {
    const inner = parseSocketType(generic[2]!, named);
    return generic[1] === "list" ? t.list(inner) : t.record(inner);
  }
  if (text === "any") return t.any;
  if (text === "string" || text === "number" || text === "boolean" || text === "null" || text === "undefined") {
    return t[text] as SocketType;
  }
  if (/^(".*"|-?\d+(\.\d+)?|true|false)$/.test(text)) return t.literal(JSON.parse(text) as string | number | boolean);
  const found = named.get(text);
  if (found) return found;
  throw new PipelineDefinitionError(
    `Unknown socket type '${text}'. Known types: any, string, number, boolean, null, list<…>, record<…>, ${[...named.keys()].join(", ")}.`,
  );
}

const namedTypes = new Map<string, SocketType>();
const namedChecks = new Map<string, (value: unknown) => boolean>();

/**
 * Makes a named type known to `parseSocketType`, so files can refer to it; with `is`, run inputs given to sockets of
 * this type are checked (`value instanceof Document`, …).
 */
export function registerNamedType(type: SocketType, options: { is?: (value: unknown) => boolean } = {}): void {
  namedTypes.set(type.name, type);
  if (options.is) namedChecks.set(type.name, options.is);
}

/**
 * Whether a value fits a socket type at run time: what run inputs are checked with. Named types without a registered
 * check accept any value.
 */
export function isValueOf(type: SocketType, value: unknown): boolean {
  switch (type.kind) {
    case "any":
      return true;
    case "string":
    case "number":
    case "boolean":
    case "undefined":
      return typeof value === type.kind;
    case "null":
      return value === null;
    case "literal":
      return value === type.literal;
    case "list":
      return Array.isArray(value) && value.every((item) => isValueOf(type.item!, item));
    case "record":
      return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((item) => isValueOf(type.item!, item))
      );
    case "union":
      return (type.members ?? []).some((member) => isValueOf(member, value));
    case "named":
      return namedChecks.get(type.name)?.(value) ?? true;
  }
}

/** A short description of a value's type for error messages: `a string ("one")`, `a list of 3`, `a Document`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string")
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === "object") {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name && name !== "Object" ? `a ${name}` : "an object";
  }
  return `a ${typeof value} (${String(value)})`;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "<") depth++;
    else if (char === ">") depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
