import {
  ChatMessage,
  chatMessageType,
  type Document,
  defineComponent,
  documentType,
  GeneratedAnswer,
  generatedAnswerType,
  PipelineDefinitionError,
  PipelineInputError,
  t,
} from "@trama/core";

export interface AnswerBuilderParams {
  /** A regular expression whose match (or single group) is the answer; the whole reply by default. */
  pattern?: string;
  /**
   * A regular expression finding document references such as `\[(\d+)\]` (1-based); every number in its group (or
   * match) counts, so `\[([\d, ]+)\]` reads `[1, 3]` as two references.
   */
  referencePattern?: string;
  /** With a reference pattern, keep only the referenced documents. Default true. */
  returnOnlyReferencedDocuments?: boolean;
  /** Build an answer from the last reply only. */
  lastMessageOnly?: boolean;
}

/**
 * Turns a generator's replies into answers that keep the query, the documents used (each marked with its 1-based
 * `source_index`) and the reply metadata.
 */
export const AnswerBuilder = defineComponent({
  type: "trama.AnswerBuilder",
  inputs: {
    query: t.string,
    replies: t.union(t.list(t.string), t.list(chatMessageType)),
    meta: t.list(t.record(t.any)).optional(),
    documents: t.list(documentType).optional(),
    pattern: t.string.optional(),
    referencePattern: t.string.optional(),
  },
  outputs: { answers: t.list(generatedAnswerType) },
  run: (inputs, { params }: { params: AnswerBuilderParams }) => {
    const replies = inputs.replies as Array<string | ChatMessage>;
    const meta = inputs.meta ?? replies.map(() => ({}));
    if (meta.length !== replies.length)
      throw new PipelineInputError(`AnswerBuilder got ${replies.length} replies but ${meta.length} metadata entries.`);
    const pattern = inputs.pattern ?? params.pattern;
    const referencePattern = inputs.referencePattern ?? params.referencePattern;
    if (pattern && new RegExp(`${pattern}|`).exec("")!.length > 2)
      throw new PipelineDefinitionError(`The answer pattern '${pattern}' has more than one capture group.`);
    const chosen = params.lastMessageOnly ? replies.slice(-1) : replies;
    const answers = chosen.map((reply, index) => {
      const text = reply instanceof ChatMessage ? (reply.text ?? "") : String(reply);
      const replyMeta = reply instanceof ChatMessage ? reply.meta : {};
      const answerMeta = {
        ...replyMeta,
        ...meta[params.lastMessageOnly ? meta.length - 1 : index],
        all_messages: replies,
      };
      return new GeneratedAnswer({
        data: extractAnswer(text, pattern),
        query: inputs.query,
        documents: pickDocuments(
          text,
          inputs.documents ?? [],
          referencePattern,
          params.returnOnlyReferencedDocuments ?? true,
        ),
        meta: answerMeta,
      });
    });
    return { answers };
  },
});

function extractAnswer(text: string, pattern: string | undefined): string {
  if (!pattern) return text;
  const match = new RegExp(pattern).exec(text);
  if (!match) return "";
  return match[1] ?? match[0];
}

function pickDocuments(
  text: string,
  documents: Document[],
  referencePattern: string | undefined,
  onlyReferenced: boolean,
): Document[] {
  const referenced = new Set<number>();
  if (referencePattern) {
    for (const match of text.matchAll(new RegExp(referencePattern, "g"))) {
      // One match may cite several documents: `[1, 3]` with the pattern `\[([\d, ]+)\]`.
      for (const number of (match[1] ?? match[0]).match(/\d+/g) ?? []) referenced.add(Number.parseInt(number, 10) - 1);
    }
  }
  const indexes =
    referencePattern && onlyReferenced ? [...referenced].sort((a, b) => a - b) : documents.map((_, index) => index);
  return indexes
    .filter((index) => index >= 0 && index < documents.length)
    .map((index) =>
      documents[index]!.withMeta({
        source_index: index + 1,
        ...(referencePattern ? { referenced: referenced.has(index) } : {}),
      }),
    );
}
