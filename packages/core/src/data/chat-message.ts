import { registerNamedType, t } from "../types/socket-type.js";

/** Who speaks in a chat. */
export type ChatRole = "system" | "user" | "assistant" | "tool";

/** Plain text. */
export interface TextPart {
  type: "text";
  text: string;
}

/** An image, inline (base64 `data`) or by `url`. */
export interface ImagePart {
  type: "image";
  data?: string;
  url?: string;
  mimeType?: string;
  detail?: "auto" | "low" | "high";
}

/** A model asking for a tool to be called. `arguments` is parsed; `rawArguments` keeps the provider's text. */
export interface ToolCallPart {
  type: "tool-call";
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  rawArguments?: string;
}

/** The result of a tool call, fed back to the model. */
export interface ToolResultPart {
  type: "tool-result";
  callId: string;
  name?: string;
  result: string;
  isError?: boolean;
}

/** A model's reasoning ("thinking"), with the provider's signature when it needs it back. */
export interface ReasoningPart {
  type: "reasoning";
  text: string;
  signature?: string;
  redacted?: boolean;
}

/** One piece of a message's content. */
export type ContentPart = TextPart | ImagePart | ToolCallPart | ToolResultPart | ReasoningPart;

/**
 * One chat message: a role and content parts. Immutable: build a new message rather than changing one, which lets
 * the pipeline hand the same message to several components without copying it.
 */
export class ChatMessage {
  readonly role: ChatRole;
  readonly content: readonly ContentPart[];
  /** Optional participant name. */
  readonly name: string | undefined;
  /** Provider details: model, finish reason, usage, and anything else worth keeping. */
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(
    role: ChatRole,
    content: readonly ContentPart[],
    options: { name?: string; meta?: Record<string, unknown> } = {},
  ) {
    this.role = role;
    this.content = Object.freeze([...content]);
    this.name = options.name;
    this.meta = options.meta ?? {};
  }

  static system(text: string): ChatMessage {
    return new ChatMessage("system", [{ type: "text", text }]);
  }

  static user(content: string | readonly ContentPart[], options?: { name?: string }): ChatMessage {
    return new ChatMessage("user", typeof content === "string" ? [{ type: "text", text: content }] : content, options);
  }

  static assistant(content: string | readonly ContentPart[] = [], options?: { meta?: Record<string, unknown> }) {
    return new ChatMessage(
      "assistant",
      typeof content === "string" ? [{ type: "text", text: content }] : content,
      options,
    );
  }

  /** The result of the tool call `callId`. */
  static tool(result: string, callId: string, options: { name?: string; isError?: boolean } = {}): ChatMessage {
    return new ChatMessage("tool", [
      { type: "tool-result", callId, result, name: options.name, isError: options.isError },
    ]);
  }

  /** The text parts joined, or `undefined` when the message has none. */
  get text(): string | undefined {
    let text: string | undefined;
    for (const part of this.content) if (part.type === "text") text = (text ?? "") + part.text;
    return text;
  }

  get toolCalls(): ToolCallPart[] {
    return this.content.filter((part): part is ToolCallPart => part.type === "tool-call");
  }

  get toolResults(): ToolResultPart[] {
    return this.content.filter((part): part is ToolResultPart => part.type === "tool-result");
  }

  /** The reasoning parts joined, or `undefined`. */
  get reasoning(): string | undefined {
    const parts = this.content.filter((part): part is ReasoningPart => part.type === "reasoning");
    return parts.length ? parts.map((part) => part.text).join("") : undefined;
  }

  /** A copy with other metadata merged in. */
  withMeta(meta: Record<string, unknown>): ChatMessage {
    return new ChatMessage(this.role, this.content, { name: this.name, meta: { ...this.meta, ...meta } });
  }

  toJSON(): { role: ChatRole; content: ContentPart[]; name?: string; meta?: Record<string, unknown> } {
    return {
      role: this.role,
      content: [...this.content],
      ...(this.name === undefined ? {} : { name: this.name }),
      ...(Object.keys(this.meta).length ? { meta: { ...this.meta } } : {}),
    };
  }

  static fromJSON(json: {
    role: ChatRole;
    content: ContentPart[] | string;
    name?: string;
    meta?: Record<string, unknown>;
  }) {
    const content = typeof json.content === "string" ? [{ type: "text", text: json.content } as const] : json.content;
    return new ChatMessage(json.role, content, { name: json.name, meta: json.meta });
  }
}

/** Socket type of a `ChatMessage`. */
export const chatMessageType = t.named<ChatMessage>("ChatMessage");
registerNamedType(chatMessageType, { is: (value) => value instanceof ChatMessage });
