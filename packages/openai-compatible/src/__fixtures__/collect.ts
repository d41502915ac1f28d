import type { ChatStreamPart } from "@trama/models";

/** Every part of a batched stream, in order. */
export async function collect(stream: AsyncIterable<readonly ChatStreamPart[]>): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const batch of stream) parts.push(...batch);
  return parts;
}

/** The batches of a stream, as they arrived. */
export async function collectBatches(
  stream: AsyncIterable<readonly ChatStreamPart[]>,
): Promise<Array<readonly ChatStreamPart[]>> {
  const batches: Array<readonly ChatStreamPart[]> = [];
  for await (const batch of stream) batches.push(batch);
  return batches;
}

/** Whether a part is a text, reasoning or tool-call delta. */
export function isDelta(part: ChatStreamPart): boolean {
  return part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-call-delta";
}

/** Server-sent events as one piece of text, for a server that sends a whole stream in one write. */
export function eventText(items: Array<object | string>): string {
  return items.map((item) => `data: ${typeof item === "string" ? item : JSON.stringify(item)}\n\n`).join("");
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
