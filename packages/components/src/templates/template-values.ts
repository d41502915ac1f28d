import { ChatMessage, Document, GeneratedAnswer } from "@trama/core";

/**
 * Converts values for templates: Trama's data classes become plain objects with the fields templates use
 * (`message.text`, `document.content`), so templates never reach class internals or prototypes. `originals` maps
 * each converted object back to the value it came from, so `{{ documents }}` can hand back the real documents.
 */
export function toTemplateValue(value: unknown, originals: WeakMap<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  let converted: unknown;
  if (Array.isArray(value)) {
    converted = value.map((item) => toTemplateValue(item, originals));
  } else if (value instanceof ChatMessage) {
    converted = {
      role: value.role,
      text: value.text ?? null,
      content: value.content.map((part) => ({ ...part })),
      name: value.name ?? null,
      meta: toTemplateValue({ ...value.meta }, originals),
      tool_calls: value.toolCalls.map((call) => ({ ...call })),
      reasoning: value.reasoning ?? null,
    };
  } else if (value instanceof Document) {
    converted = {
      id: value.id,
      content: value.content ?? null,
      meta: toTemplateValue({ ...value.meta }, originals),
      score: value.score ?? null,
      embedding: value.embedding ? [...value.embedding] : null,
    };
  } else if (value instanceof GeneratedAnswer) {
    converted = {
      data: value.data,
      query: value.query,
      documents: toTemplateValue([...value.documents], originals),
      meta: toTemplateValue({ ...value.meta }, originals),
    };
  } else if (value instanceof Map) {
    converted = Object.fromEntries([...value].map(([key, inner]) => [String(key), toTemplateValue(inner, originals)]));
  } else {
    const prototype = Object.getPrototypeOf(value);
    const source =
      prototype === Object.prototype || prototype === null
        ? value
        : typeof (value as { toJSON?: unknown }).toJSON === "function"
          ? (value as { toJSON(): unknown }).toJSON()
          : { ...value };
    if (typeof source !== "object" || source === null) return source;
    converted = Object.fromEntries(
      Object.entries(source).map(([key, inner]) => [key, toTemplateValue(inner, originals)]),
    );
  }
  originals.set(converted as object, value);
  return converted;
}
