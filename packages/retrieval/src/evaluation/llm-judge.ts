/**
 * What the LLM-judged evaluators share: one judge call per item (all items at once: the model layer limits how many
 * calls reach an endpoint together), the JSON verdict read from the reply however it is wrapped, and a failure that
 * names the item and quotes the reply.
 * @module
 */
import { type ChatMessage, hasMarker, type LoadContext, PipelineInputError, TramaError } from "@trama/core";
import { type ChatGeneratorLike, loadGenerator } from "../components/chat-generator-like.js";
import { parseJsonReply } from "../utils/parse-json.js";
import { meanScore } from "./retrieval-metrics.js";

const marker = Symbol.for("trama.error.JudgeReplyError");

/** A judge's reply holds no usable verdict. The message names the evaluator and the item, and quotes the reply. */
export class JudgeReplyError extends TramaError {
  readonly [marker] = true;
  static override isInstance(error: unknown): error is JudgeReplyError {
    return hasMarker(error, marker);
  }
}

/** Parameters every LLM-judged evaluator takes. */
export interface JudgeParams {
  /** The judging model: a `ChatGenerator` from `@trama/models`, or any object with its `generate` method. */
  generator: ChatGeneratorLike;
  /**
   * Fail the run when a reply holds no usable verdict (default, as Haystack). With false, that item's `score` is
   * null, its `error` says why, and the overall score is the mean of the others.
   */
  raiseOnFailure?: boolean;
}

/** What a verdict reader returns: the item's result, or why the verdict cannot be used. */
export type Verdict<R> = { ok: true; result: R } | { ok: false; error: string };

/** An evaluator's outputs: the mean score, each item's score, and each item's result with the judge's reasons. */
export interface JudgedOutputs {
  score: number | null;
  individualScores: Array<number | null>;
  /** Plain objects (`FaithfulnessResult`, `ContextRelevanceResult`), as pipeline outputs hold them. */
  results: Record<string, unknown>[];
}

/** Asks the judge about every item; `read` turns a parsed JSON verdict into the item's result. */
export async function judgeEach<R extends { score: number | null }>(options: {
  evaluator: string;
  params: JudgeParams;
  prompts: ChatMessage[][];
  read: (verdict: unknown) => Verdict<R>;
  failed: (error: string) => R;
  signal: AbortSignal;
}): Promise<JudgedOutputs> {
  const results = await Promise.all(
    options.prompts.map(async (prompt, index) => {
      const { message } = await options.params.generator.generate(prompt, { signal: options.signal });
      const reply = message.text ?? "";
      const parsed = parseJsonReply(reply);
      const verdict = parsed.ok ? options.read(parsed.value) : { ok: false as const, error: parsed.error };
      if (verdict.ok) return verdict.result;
      const error = `the judge's reply for item ${index} holds no usable verdict: ${verdict.error}. Reply: ${JSON.stringify(reply.slice(0, 300))}`;
      if (options.params.raiseOnFailure ?? true) {
        throw new JudgeReplyError(
          `${options.evaluator}: ${error}. Use a stronger judge model, or pass raiseOnFailure: false to score the other items.`,
        );
      }
      return options.failed(error);
    }),
  );
  const individualScores = results.map((result) => result.score);
  return {
    score: meanScore(individualScores),
    individualScores,
    results: results as unknown as Record<string, unknown>[],
  };
}

/** A verdict's boolean, however the model wrote it: true/false, "yes"/"no", 1/0, "supported"/"unsupported". */
export function verdictBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== "string") return undefined;
  const word = value.trim().toLowerCase();
  if (["true", "yes", "1", "supported", "si", "sì"].includes(word)) return true;
  if (["false", "no", "0", "unsupported", "not supported"].includes(word)) return false;
  return undefined;
}

/** The `warmUp` and `fromConfig` of a judge evaluator: its generator warms up with it, and loads as a component. */
export function judgeLifecycle<P extends JudgeParams>(owner: string) {
  return {
    warmUp: async ({ params }: { params: P }) => {
      await params.generator.warmUp?.();
    },
    fromConfig: (config: Record<string, unknown>, context: LoadContext): P => ({
      ...(config as unknown as P),
      generator: loadGenerator(config.generator, context, owner),
    }),
  };
}

/** Checks that every input list has one entry per item; the error names the component and the lists. */
export function checkSameLength(component: string, lists: Record<string, readonly unknown[]>): void {
  const lengths = Object.entries(lists).map(([name, list]) => `${list.length} ${name}`);
  if (new Set(Object.values(lists).map((list) => list.length)).size > 1) {
    throw new PipelineInputError(`'${component}' got ${lengths.join(", ")}: give one of each per item.`);
  }
}
