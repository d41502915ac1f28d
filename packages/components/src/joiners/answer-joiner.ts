import { defineComponent, generatedAnswerType, t } from "@trama/core";

/** Concatenates the answers of several branches. */
export const AnswerJoiner = defineComponent({
  type: "trama.AnswerJoiner",
  inputs: { answers: t.list(generatedAnswerType).variadic(), topK: t.number.optional() },
  outputs: { answers: t.list(generatedAnswerType) },
  run: ({ answers, topK }, { params }: { params: { topK?: number } }) => {
    const joined = answers.flat();
    const limit = topK ?? params.topK;
    return { answers: limit === undefined ? joined : joined.slice(0, limit) };
  },
});
