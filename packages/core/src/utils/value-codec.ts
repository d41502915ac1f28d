import { GeneratedAnswer } from "../data/answer.js";
import { ChatMessage } from "../data/chat-message.js";
import { Document } from "../data/document.js";
import { SerializationError } from "../errors/serialization-error.js";

/** A data class that can be written to JSON and read back: what snapshots need to save run state. */
export interface DataClass<T> {
  readonly name: string;
  is(value: unknown): value is T;
  toJSON(value: T): unknown;
  fromJSON(json: unknown): T;
}

const dataClasses = new Map<string, DataClass<unknown>>();

/** Makes a class of your own savable inside snapshots. */
export function registerDataClass<T>(dataClass: DataClass<T>): void {
  dataClasses.set(dataClass.name, dataClass as DataClass<unknown>);
}

registerDataClass<ChatMessage>({
  name: "ChatMessage",
  is: (value): value is ChatMessage => value instanceof ChatMessage,
  toJSON: (value) => value.toJSON(),
  fromJSON: (json) => ChatMessage.fromJSON(json as Parameters<typeof ChatMessage.fromJSON>[0]),
});
registerDataClass<Document>({
  name: "Document",
  is: (value): value is Document => value instanceof Document,
  toJSON: (value) => value.toJSON(),
  fromJSON: (json) => Document.fromJSON(json as Parameters<typeof Document.fromJSON>[0]),
});
registerDataClass<GeneratedAnswer>({
  name: "GeneratedAnswer",
  is: (value): value is GeneratedAnswer => value instanceof GeneratedAnswer,
  toJSON: (value) => ({ ...value.toJSON(), documents: value.documents.map((doc) => doc.toJSON()) }),
  fromJSON: (json) => {
    const data = json as {
      data: string;
      query: string;
      documents: Parameters<typeof Document.fromJSON>[0][];
      meta: Record<string, unknown>;
    };
    return new GeneratedAnswer({ ...data, documents: data.documents.map((doc) => Document.fromJSON(doc)) });
  },
});

const TAG = "$type";

/** Encodes a value as JSON-compatible data, tagging data classes, `undefined` and symbols it knows. */
export function encodeValue(value: unknown, symbols: ReadonlyMap<symbol, string> = new Map()): unknown {
  if (value === undefined) return { [TAG]: "undefined" };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { [TAG]: "number", value: String(value) };
  if (typeof value === "symbol") {
    const name = symbols.get(value);
    if (name) return { [TAG]: "symbol", value: name };
  }
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, symbols));
  if (typeof value === "object") {
    for (const dataClass of dataClasses.values()) {
      if (dataClass.is(value)) return { [TAG]: dataClass.name, value: dataClass.toJSON(value) };
    }
    if (value instanceof Date) return { [TAG]: "Date", value: value.toISOString() };
    const prototype = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) {
      const encoded = Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [key, encodeValue(inner, symbols)]),
      );
      return TAG in encoded ? { [TAG]: "object", value: encoded } : encoded;
    }
  }
  throw new SerializationError(
    `Cannot save a value of type ${describe(value)}. Register it with registerDataClass() to make it savable in snapshots.`,
  );
}

/** Reverses `encodeValue`. */
export function decodeValue(json: unknown, symbols: ReadonlyMap<string, symbol> = new Map()): unknown {
  if (Array.isArray(json)) return json.map((item) => decodeValue(item, symbols));
  if (json === null || typeof json !== "object") return json;
  const tagged = json as Record<string, unknown>;
  const tag = tagged[TAG];
  if (typeof tag !== "string") {
    return Object.fromEntries(Object.entries(tagged).map(([key, inner]) => [key, decodeValue(inner, symbols)]));
  }
  switch (tag) {
    case "undefined":
      return undefined;
    case "number":
      return Number(tagged.value);
    case "Date":
      return new Date(tagged.value as string);
    case "object":
      return Object.fromEntries(
        Object.entries(tagged.value as Record<string, unknown>).map(([key, inner]) => [
          key,
          decodeValue(inner, symbols),
        ]),
      );
    case "symbol": {
      const symbol = symbols.get(tagged.value as string);
      if (!symbol) throw new SerializationError(`Unknown symbol '${String(tagged.value)}' in saved data.`);
      return symbol;
    }
  }
  const dataClass = dataClasses.get(tag);
  if (!dataClass)
    throw new SerializationError(`Unknown data class '${tag}' in saved data: register it with registerDataClass().`);
  return dataClass.fromJSON(tagged.value);
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return Object.getPrototypeOf(value)?.constructor?.name ?? "object";
  return typeof value;
}
