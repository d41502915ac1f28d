/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: the automatic conversions a connection applies
 * between `ChatMessage` and `string`, and between a value and a one-element list. The scenario components declare
 * the same socket types as Haystack's, so `connect` picks the conversion itself. (The failing conversion is in
 * pipeline-run-errors.test.ts.)
 */
import { ChatMessage, chatMessageType, Document, defineComponent, documentType, Pipeline, t } from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";

const PisaChatGenerator = defineComponent({
  type: "scenario.PisaChatGenerator",
  inputs: { messages: t.list(chatMessageType) },
  outputs: { replies: t.list(chatMessageType) },
  run: () => ({ replies: [ChatMessage.assistant("Pisa tower height")] }),
});

const PisaRetriever = defineComponent({
  type: "scenario.PisaRetriever",
  inputs: { query: t.string },
  outputs: { documents: t.list(documentType) },
  run: () => ({ documents: [new Document({ content: "Pisa tower height is 55 meters" })] }),
});

const FakeAgent = defineComponent({
  type: "scenario.FakeAgent",
  inputs: { messages: t.list(chatMessageType) },
  outputs: { last_message: chatMessageType },
  run: () => ({ last_message: ChatMessage.assistant("Pisa tower is 55 meters tall") }),
});

const FakeAnswerBuilder = defineComponent({
  type: "scenario.FakeAnswerBuilder",
  inputs: { query: t.string, replies: t.union(t.list(t.string), t.list(chatMessageType)) },
  outputs: { answers: t.list(t.string) },
  run: ({ replies }) => ({
    answers: (replies as Array<string | ChatMessage>).map((reply) =>
      reply instanceof ChatMessage ? (reply.text ?? "") : reply,
    ),
  }),
});

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that performs automatic conversion between list of ChatMessage and str", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("chat_generator", PisaChatGenerator())
        .add("retriever", PisaRetriever())
        .connect("chat_generator", "retriever");
      const userQuery = "Rephrase the following question for a search engine: how tall is the tower of Pisa?";
      return {
        pipeline,
        runs: [
          {
            inputs: { chat_generator: { messages: [ChatMessage.user(userQuery)] } },
            expectedOutputs: {
              retriever: { documents: [new Document({ content: "Pisa tower height is 55 meters" })] },
            },
            expectedCalls: {
              "chat_generator#1": { messages: [ChatMessage.user(userQuery)] },
              "retriever#1": { query: "Pisa tower height" },
            },
          },
        ],
      };
    }, mode);
  });

  it("that performs automatic conversion wrapping ChatMessage for a Union receiver", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("agent", FakeAgent())
        .add("answer_builder", FakeAnswerBuilder())
        .connect("agent.last_message", "answer_builder.replies");
      const userQuery = "How tall is the tower of Pisa?";
      const messages = [ChatMessage.user(userQuery)];
      return {
        pipeline,
        runs: [
          {
            inputs: { agent: { messages }, answer_builder: { query: userQuery } },
            expectedOutputs: { answer_builder: { answers: ["Pisa tower is 55 meters tall"] } },
            expectedCalls: {
              "agent#1": { messages },
              "answer_builder#1": {
                query: userQuery,
                replies: [ChatMessage.assistant("Pisa tower is 55 meters tall")],
              },
            },
          },
        ],
      };
    }, mode);
  });
});
