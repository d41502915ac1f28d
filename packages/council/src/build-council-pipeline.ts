import { ListJoiner } from "@trama/components";
import { Pipeline } from "@trama/core";
import { CouncilAggregate } from "./components/council-aggregate.js";
import { CouncilAnswer } from "./components/council-answer.js";
import { CouncilChairman } from "./components/council-chairman.js";
import { CouncilReview } from "./components/council-review.js";
import { CouncilTitle } from "./components/council-title.js";
import type { CouncilInput } from "./council-config.js";
import type { CouncilSetup } from "./council-setup.js";

/** The names of the council pipeline's components: `answer_0`…, `review_0`…, and the fixed ones. */
export const councilNodes = {
  answer: (index: number) => `answer_${index}`,
  review: (index: number) => `review_${index}`,
  answers: "answers",
  reviews: "reviews",
  aggregate: "aggregate",
  chairman: "chairman",
  title: "title",
} as const;

/**
 * The council as a pipeline: one `CouncilAnswer` per member (independent branches, so they run at once), joined;
 * one `CouncilReview` per member on the joined answers, joined; `CouncilAggregate`; `CouncilChairman`; and, beside
 * them, `CouncilTitle` when a title is wanted. Plain data throughout, so `toYAML()` saves it and `fromYAML` loads it
 * back with the package's `components`.
 */
export function buildCouncilPipeline(setup: CouncilSetup, options: { title: boolean }): Pipeline<Record<string, any>> {
  const shared = { call: setup.call, concurrency: setup.concurrency };
  const pipeline: Pipeline<Record<string, any>> = new Pipeline({
    concurrency: setup.members.length + 2,
    metadata: { product: "council", seed: setup.seed },
  });
  for (const [index, member] of setup.members.entries()) {
    pipeline.add(councilNodes.answer(index), CouncilAnswer({ member, timeoutMs: setup.timeouts.answerMs, ...shared }));
    pipeline.add(
      councilNodes.review(index),
      CouncilReview({ member, seed: setup.seed, timeoutMs: setup.timeouts.reviewMs, ...shared }),
    );
  }
  pipeline
    .add(councilNodes.answers, ListJoiner())
    .add(councilNodes.reviews, ListJoiner())
    .add(councilNodes.aggregate, CouncilAggregate())
    .add(
      councilNodes.chairman,
      CouncilChairman({
        chairman: setup.chairman,
        members: setup.members,
        timeoutMs: setup.timeouts.chairmanMs,
        ...shared,
      }),
    );
  for (const index of setup.members.keys()) {
    pipeline.connect(`${councilNodes.answer(index)}.answers`, `${councilNodes.answers}.values`);
    pipeline.connect(`${councilNodes.answers}.values`, `${councilNodes.review(index)}.answers`);
    pipeline.connect(`${councilNodes.review(index)}.reviews`, `${councilNodes.reviews}.values`);
  }
  pipeline
    .connect(`${councilNodes.answers}.values`, `${councilNodes.aggregate}.answers`)
    .connect(`${councilNodes.reviews}.values`, `${councilNodes.aggregate}.reviews`)
    .connect(`${councilNodes.answers}.values`, `${councilNodes.chairman}.answers`)
    .connect(`${councilNodes.reviews}.values`, `${councilNodes.chairman}.reviews`)
    .connect(`${councilNodes.aggregate}.aggregate`, `${councilNodes.chairman}.aggregate`);
  if (options.title && setup.titleModel) {
    pipeline.add(
      councilNodes.title,
      CouncilTitle({ model: setup.titleModel, timeoutMs: setup.timeouts.titleMs, ...shared }),
    );
  }
  return pipeline;
}

/** The run's inputs: the question (and the conversation so far) for every component that asks a model. */
export function councilInputs(
  setup: CouncilSetup,
  input: CouncilInput,
  options: { title: boolean },
): Record<string, Record<string, unknown>> {
  const turn = { question: input.question, history: input.history ?? [] };
  const inputs: Record<string, Record<string, unknown>> = { [councilNodes.chairman]: turn };
  for (const index of setup.members.keys()) {
    inputs[councilNodes.answer(index)] = turn;
    inputs[councilNodes.review(index)] = turn;
  }
  if (options.title && setup.titleModel) inputs[councilNodes.title] = { question: input.question };
  return inputs;
}
