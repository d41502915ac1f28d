import { createParser, type EventSourceMessage } from "eventsource-parser";
import { ProviderError } from "../errors/provider-error.js";
import { type CallContext, excerpt, isAbort } from "./http-call.js";

/**
 * Server-sent events of a streaming response, in batches: every event that arrived in one network read. Batches let
 * providers map many small events without an await each. Comments (keep-alives such as `: OPENROUTER PROCESSING`)
 * are skipped by the parser.
 */
export async function* readEventBatches(
  response: Response,
  url: string,
  context: CallContext,
): AsyncGenerator<EventSourceMessage[]> {
  const batch: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => batch.push(event) });
  const decoder = new TextDecoder();
  for await (const bytes of readBody(response, url, context)) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    if (batch.length) {
      yield batch.splice(0);
    }
  }
  parser.feed(`${decoder.decode()}\n\n`);
  if (batch.length) yield batch.splice(0);
}

/** Newline-delimited JSON objects of a streaming response (Ollama's native API), in batches per network read. */
export async function* readJsonLineBatches(
  response: Response,
  url: string,
  context: CallContext,
): AsyncGenerator<unknown[]> {
  const decoder = new TextDecoder();
  let pending = "";
  // The first line goes out alone, before the rest of its read is parsed: it gets the first token out sooner.
  const state = { first: true };
  for await (const bytes of readBody(response, url, context)) {
    pending += decoder.decode(bytes, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop()!;
    yield* parseLines(lines, url, context, state);
  }
  pending += decoder.decode();
  yield* parseLines([pending], url, context, state);
}

/** Parses lines into batches; a malformed line ends the stream, after the good lines before it. */
function* parseLines(
  lines: string[],
  url: string,
  context: CallContext,
  state: { first: boolean },
): Generator<unknown[]> {
  let batch: unknown[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      batch.push(JSON.parse(line));
    } catch (error) {
      if (batch.length) yield batch;
      throw new ProviderError({
        ...context,
        url,
        message: `sent a malformed line in its stream: ${excerpt(line)}`,
        isRetryable: false,
        cause: error,
      });
    }
    if (state.first) {
      state.first = false;
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The body's chunks; a connection that drops mid-stream becomes a retryable `ProviderError`. */
async function* readBody(response: Response, url: string, context: CallContext): AsyncGenerator<Uint8Array> {
  if (!response.body)
    throw new ProviderError({ ...context, url, message: "returned a response without a body.", isRetryable: true });
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isAbort(error)) throw error;
        throw new ProviderError({
          ...context,
          url,
          message: "closed the connection in the middle of the stream.",
          isRetryable: true,
          cause: error,
        });
      }
      if (chunk.done) {
        finished = true;
        return;
      }
      yield chunk.value;
    }
  } finally {
    // Stop the download when the consumer leaves early (an error, a break, an abort).
    if (!finished) await reader.cancel().catch(() => {});
  }
}
