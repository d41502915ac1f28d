import { ChatMessage } from "../data/chat-message.js";
import { TramaError } from "../errors/trama-error.js";
import { isAssignable, type SocketType } from "./socket-type.js";

/** Turns a sender's value into what the receiving socket accepts. Throws when the value cannot be converted. */
export type Converter = (value: unknown) => unknown;

/**
 * The conversions a connection may apply when types differ: wrapping a value in a one-element list, unwrapping a
 * one-element list of strings or messages, and `ChatMessage` ⇄ `string`, alone or combined with (un)wrapping.
 * Listed in the order of preference used when a union receiver admits several.
 */
const strategies = {
  wrap: (value: unknown) => [value],
  unwrap: (value: unknown) => onlyItem(value),
  messageToString: (value: unknown) => messageText(value),
  stringToMessage: (value: unknown) => ChatMessage.user(value as string),
  wrapMessageToString: (value: unknown) => [messageText(value)],
  wrapStringToMessage: (value: unknown) => [ChatMessage.user(value as string)],
  unwrapMessageToString: (value: unknown) => messageText(onlyItem(value)),
  unwrapStringToMessage: (value: unknown) => ChatMessage.user(onlyItem(value) as string),
} satisfies Record<string, Converter>;

type Strategy = keyof typeof strategies;
const preference = Object.keys(strategies) as Strategy[];

/** The conversion a connection from `from` to `to` needs, or `undefined` when none applies. */
export function findConversion(from: SocketType, to: SocketType): { name: Strategy; convert: Converter } | undefined {
  const name = conversionStrategy(from, to);
  return name ? { name, convert: strategies[name] } : undefined;
}

function conversionStrategy(from: SocketType, to: SocketType): Strategy | undefined {
  if (from.kind === "union") {
    const found = new Set((from.members ?? []).map((member) => conversionStrategy(member, to)));
    return found.size === 1 ? [...found][0] : undefined;
  }
  if (to.kind === "union") {
    const found = new Set((to.members ?? []).map((member) => conversionStrategy(from, member)));
    return preference.find((strategy) => found.has(strategy));
  }
  if (isMessage(from) && to.kind === "string") return "messageToString";
  if (from.kind === "string" && isMessage(to)) return "stringToMessage";
  if (to.kind === "list" && to.item) {
    if (isAssignable(from, to.item)) return "wrap";
    if (contains(from, isMessage) && contains(to.item, isString)) return "wrapMessageToString";
    if (contains(from, isString) && contains(to.item, isMessage)) return "wrapStringToMessage";
  }
  if (from.kind === "list" && from.item) {
    const inner = from.item;
    // Only strings and messages unwrap: unwrapping other lists would silently drop items.
    if (to.kind !== "list" && (isString(inner) || isMessage(inner)) && isAssignable(inner, to)) return "unwrap";
    const innerStrategy = conversionStrategy(inner, to);
    if (innerStrategy === "stringToMessage") return "unwrapStringToMessage";
    if (innerStrategy === "messageToString") return "unwrapMessageToString";
  }
  return undefined;
}

const isMessage = (type: SocketType) => type.kind === "named" && type.name === "ChatMessage";
const isString = (type: SocketType) => type.kind === "string";
const contains = (type: SocketType, test: (type: SocketType) => boolean): boolean =>
  test(type) || (type.kind === "union" && (type.members ?? []).some(test));

function onlyItem(value: unknown): unknown {
  if (!Array.isArray(value) || value.length !== 1) {
    const length = Array.isArray(value) ? value.length : "not a list";
    throw new TramaError(
      `expected a list with exactly one item to unwrap, got ${length === 0 ? "an empty list" : length}`,
    );
  }
  return value[0];
}

function messageText(value: unknown): string {
  const text = (value as ChatMessage).text;
  if (text === undefined) throw new TramaError("the ChatMessage has no text to convert to a string");
  return text;
}
