/**
 * Helpers for provider tests on the consumer's side of the wire: collecting a batched stream, catching the
 * ProviderError a call or a stream fails with, watching whether a response body was read to its end, and reading
 * recorded fixture files (JSON bodies, server-sent event streams, NDJSON streams).
 * @module
 */
import { readFileSync } from "node:fs";
import type { ChatStreamPart } from "../chat-model/chat-stream-part.js";
import { ProviderError } from "../errors/provider-error.js";
import type { SSEItem } from "./loopback-server.js";

/** A model's stream: batches of parts, one batch per network read. */
export type BatchedStream = AsyncIterable<readonly ChatStreamPart[]>;

/** Every part of a batched stream, in order, flattened. */
export async function collectParts(stream: BatchedStream): Promise<ChatStreamPart[]> {
  const parts: ChatStreamPart[] = [];
  for await (const batch of stream) parts.push(...batch);
  return parts;
}

/** The batches of a stream, as they arrived. */
export async function collectBatches(stream: BatchedStream): Promise<Array<readonly ChatStreamPart[]>> {
  const batches: Array<readonly ChatStreamPart[]> = [];
  for await (const batch of stream) batches.push(batch);
  return batches;
}

/** Whether a part is a text, reasoning or tool-call delta. */
export function isDeltaPart(part: ChatStreamPart): boolean {
  return part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-call-delta";
}

/**
 * The error a promise rejects with, whatever it is (an AbortError, a SecretMissingError…); throws when the promise
 * resolves. Typed loosely so that a test can read the fields it expects.
 */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** The ProviderError a promise rejects with; throws when it resolves or rejects with anything else. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await rejection(promise);
  if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/**
 * Reads a stream until it fails: the parts it yielded before, and the ProviderError it failed with (throws when it
 * ends without failing or fails with anything else).
 */
export async function streamFailure(stream: BatchedStream): Promise<{ parts: ChatStreamPart[]; error: ProviderError }> {
  const parts: ChatStreamPart[] = [];
  const error = await providerFailure(
    (async () => {
      for await (const batch of stream) parts.push(...batch);
    })(),
  );
  return { parts, error };
}

/** What became of one response body a watched `fetch` handed out. */
export interface WatchedBody {
  /** The body was read to its end. */
  ended: boolean;
  /** The body was cancelled (by the reader, before its end). */
  cancelled: boolean;
}

/**
 * A `fetch` for a model's settings that records what became of each response body: read to its end, or cancelled.
 * A provider should read a stream's body to its end once the stream is finished, rather than cancel it.
 */
export function watchBodyCancels(): {
  fetch: typeof fetch;
  /** One entry per response, in order. */
  bodies: WatchedBody[];
  /** The reason of each cancel, in order (empty when no body was cancelled). */
  cancels: unknown[];
} {
  const bodies: WatchedBody[] = [];
  const cancels: unknown[] = [];
  const watchingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const reader = response.body!.getReader();
    const body: WatchedBody = { ended: false, cancelled: false };
    bodies.push(body);
    const watched = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = await reader.read();
        if (chunk.done) {
          body.ended = true;
          controller.close();
        } else controller.enqueue(chunk.value);
      },
      cancel(reason) {
        body.cancelled = true;
        cancels.push(reason);
        return reader.cancel(reason);
      },
    });
    return new Response(watched, { status: response.status, headers: response.headers });
  };
  return { fetch: watchingFetch, bodies, cancels };
}

/** Readers for the recorded fixture files of one folder. */
export interface FixtureFolder {
  /** A JSON file, parsed (a response body as the API sends it). */
  json(name: string): any;
  /**
   * A server-sent event stream (`.sse`: blocks separated by blank lines), as items for `sendEvents`: a named event as
   * `{ event, data }`, else the data; the data is kept as the text recorded, so it is sent exactly as it was.
   */
  sse(name: string): SSEItem[];
  /** The lines of an NDJSON file, parsed, for `sendJsonLines`. */
  jsonLines(name: string): object[];
}

/** Readers for the fixture files in `folder` (from the fixtures folder: `new URL("./", import.meta.url)`). */
export function fixtureFolder(folder: URL): FixtureFolder {
  const read = (name: string) => readFileSync(new URL(name, folder), "utf8");
  return {
    json: (name) => JSON.parse(read(name)),
    sse: (name) =>
      read(name)
        .split(/\n\n+/)
        .filter((block) => block.trim())
        .map((block) => {
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
          return event ? { event, data } : data;
        }),
    jsonLines: (name) =>
      read(name)
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as object),
  };
}
