import type { ChatMessage, ImagePart, ToolResultPart } from "@trama/core";
import { ProviderError } from "@trama/provider";
import type { GeminiContent, GeminiPart } from "./gemini-api.js";

/** A conversation in Gemini's shape. */
export interface GeminiPrompt {
  systemInstruction: { parts: Array<{ text: string }> } | undefined;
  contents: GeminiContent[];
}

/**
 * Converts Trama messages to Gemini contents: system messages become `systemInstruction`; assistant messages become
 * `model` turns (reasoning as thought parts, text, `functionCall`s); tool messages become one `user` turn of
 * `functionResponse` parts per run of consecutive tool messages. Gemini matches responses to calls by name and
 * order, not by id, so each result takes its call's name (looked up by call id when the result has none) and the
 * results are put in the order of the calls.
 *
 * Thought signatures: Gemini puts one on the first function call of a turn, or on its last text part when there
 * are no calls, and needs it back there. Trama keeps it on the message's reasoning part, and it goes back to that
 * place.
 */
export function convertToGeminiContents(
  messages: readonly ChatMessage[],
  describe: { provider: string; modelId: string },
): GeminiPrompt {
  const system: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  const calls = new Map<string, { name: string; order: number }>();
  let results: Array<{ part: GeminiPart; order: number }> = [];
  const flushResults = () => {
    if (!results.length) return;
    results.sort((a, b) => a.order - b.order);
    contents.push({ role: "user", parts: results.map((result) => result.part) });
    results = [];
  };

  for (const message of messages) {
    if (message.role !== "tool") flushResults();
    switch (message.role) {
      case "system":
        for (const part of message.content) if (part.type === "text" && part.text) system.push({ text: part.text });
        break;
      case "user": {
        const parts = message.content.flatMap((part): GeminiPart[] => {
          if (part.type === "text") return part.text ? [{ text: part.text }] : [];
          if (part.type === "image") return [imagePart(part)];
          return [];
        });
        if (parts.length) contents.push({ role: "user", parts });
        break;
      }
      case "assistant": {
        const parts = modelParts(message);
        for (const [order, call] of message.toolCalls.entries()) calls.set(call.id, { name: call.name, order });
        if (parts.length) contents.push({ role: "model", parts });
        break;
      }
      case "tool":
        for (const part of message.toolResults) {
          const call = calls.get(part.callId);
          results.push({ part: functionResponse(part, call?.name, describe), order: call?.order ?? Infinity });
        }
        break;
    }
  }
  flushResults();
  return { systemInstruction: system.length ? { parts: system } : undefined, contents };
}

function modelParts(message: ChatMessage): GeminiPart[] {
  const parts: GeminiPart[] = [];
  let signature: string | undefined;
  for (const part of message.content) {
    switch (part.type) {
      case "reasoning":
        if (part.signature) signature = part.signature;
        if (part.text) parts.push({ text: part.text, thought: true });
        break;
      case "text":
        if (part.text) parts.push({ text: part.text });
        break;
      case "tool-call":
        parts.push({ functionCall: { name: part.name, args: part.arguments } });
        break;
    }
  }
  if (signature) {
    const target = parts.find((part) => part.functionCall) ?? parts.findLast((part) => !part.thought) ?? parts.at(-1);
    if (target) target.thoughtSignature = signature;
    else parts.push({ text: "", thoughtSignature: signature });
  }
  return parts;
}

function functionResponse(
  part: ToolResultPart,
  callName: string | undefined,
  describe: { provider: string; modelId: string },
): GeminiPart {
  const name = part.name ?? callName;
  if (!name) {
    throw new ProviderError({
      ...describe,
      message: `the result of tool call '${part.callId}' has no name and answers no earlier call; Gemini needs the tool's name.`,
      isRetryable: false,
    });
  }
  return { functionResponse: { name, response: part.isError ? { error: part.result } : { output: part.result } } };
}

function imagePart(part: ImagePart): GeminiPart {
  if (part.data !== undefined) {
    return { inlineData: { mimeType: part.mimeType ?? sniffImageType(part.data), data: part.data } };
  }
  return { fileData: { ...(part.mimeType ? { mimeType: part.mimeType } : {}), fileUri: part.url ?? "" } };
}

/** The image type from the first bytes of base64 data; PNG when unknown. */
function sniffImageType(data: string): string {
  if (data.startsWith("/9j/")) return "image/jpeg";
  if (data.startsWith("R0lGOD")) return "image/gif";
  if (data.startsWith("UklGR")) return "image/webp";
  return "image/png";
}
