/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: components with inputs defined at
 * construction, components that mutate their inputs, one output sent to several components, and a component that
 * does not return an object of outputs.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original.
 */
import { type AnyComponent, ChatMessage, chatMessageType, defineComponent, Pipeline, t } from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";
import { FString, Hello, StringListJoiner, TextSplitter } from "./sample-components.js";

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that has a component with dynamic inputs defined in init", async () => {
    await runScenario(() => {
      // FString's variable sockets come from its parameters, which the compiler cannot see: typed loosely.
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 1 })
        .add("hello", Hello())
        .add("fstring", FString({ template: "This is the greeting: {greeting}!", variables: ["greeting"] }))
        .add("splitter", TextSplitter())
        .connect("hello.output", "fstring.greeting")
        .connect("fstring.string", "splitter.sentence");
      return {
        pipeline,
        runs: [
          {
            inputs: { hello: { word: "Alice" } },
            expectedOutputs: { splitter: { output: ["This", "is", "the", "greeting:", "Hello,", "Alice!!"] } },
            expectedCalls: {
              "fstring#1": { greeting: "Hello, Alice!", template: undefined },
              "hello#1": { word: "Alice" },
              "splitter#1": { sentence: "This is the greeting: Hello, Alice!!" },
            },
          },
          {
            inputs: { hello: { word: "Alice" }, fstring: { template: "Received: {greeting}" } },
            expectedOutputs: { splitter: { output: ["Received:", "Hello,", "Alice!"] } },
            expectedCalls: {
              "fstring#1": { greeting: "Hello, Alice!", template: "Received: {greeting}" },
              "hello#1": { word: "Alice" },
              "splitter#1": { sentence: "Received: Hello, Alice!" },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has a component with mutable input", async () => {
    const InputMangler = defineComponent({
      type: "scenario.InputMangler",
      inputs: { input_list: t.list(t.string) },
      outputs: { mangled_list: t.list(t.string) },
      run: ({ input_list }) => {
        input_list.push("extra_item");
        return { mangled_list: input_list };
      },
    });
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("mangler1", InputMangler())
        .add("mangler2", InputMangler())
        .add("concat1", StringListJoiner())
        .add("concat2", StringListJoiner())
        .connect("mangler1", "concat1")
        .connect("mangler2", "concat2");
      const inputList = ["foo", "bar"];
      return {
        pipeline,
        runs: [
          {
            inputs: { mangler1: { input_list: inputList }, mangler2: { input_list: inputList } },
            expectedOutputs: {
              concat1: { output: ["foo", "bar", "extra_item"] },
              concat2: { output: ["foo", "bar", "extra_item"] },
            },
            expectedCalls: {
              "concat1#1": { inputs: [["foo", "bar", "extra_item"]] },
              "concat2#1": { inputs: [["foo", "bar", "extra_item"]] },
              "mangler1#1": { input_list: ["foo", "bar"] },
              "mangler2#1": { input_list: ["foo", "bar"] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has a component with mutable output sent to multiple inputs", async () => {
    /** A pass-through component that returns the same input. */
    const PassThroughPromptBuilder = defineComponent({
      type: "scenario.PassThroughPromptBuilder",
      inputs: { prompt_source: t.list(chatMessageType) },
      outputs: { prompt: t.list(chatMessageType) },
      run: ({ prompt_source }) => ({ prompt: prompt_source }),
    });
    const MessageMerger = defineComponent({
      type: "scenario.MessageMerger",
      inputs: { messages: t.list(chatMessageType), metadata: t.record(t.any).optional() },
      outputs: { merged_message: t.string },
      run: ({ messages }) => ({ merged_message: messages.map((message) => message.text ?? "").join("\n") }),
    });
    /** A fake generator that always returns the same message. */
    const FakeGenerator = defineComponent({
      type: "scenario.FakeChatGenerator",
      inputs: { messages: t.list(chatMessageType) },
      outputs: { replies: t.list(chatMessageType) },
      run: () => ({ replies: [ChatMessage.assistant("Fake message")] }),
    });
    await runScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("prompt_builder", PassThroughPromptBuilder())
        .add("llm", FakeGenerator())
        .add("mm1", MessageMerger())
        .add("mm2", MessageMerger())
        .connect("prompt_builder.prompt", "llm.messages")
        .connect("prompt_builder.prompt", "mm1")
        .connect("llm.replies", "mm2");
      const messages = [
        ChatMessage.system("Always respond in English even if some input data is in other languages."),
        ChatMessage.user("Tell me about Berlin"),
      ];
      const params = { metadata: { metadata_key: "metadata_value", meta2: "value2" } };
      return {
        pipeline,
        runs: [
          {
            inputs: { mm1: params, mm2: params, prompt_builder: { prompt_source: messages } },
            expectedOutputs: {
              mm1: {
                merged_message:
                  "Always respond in English even if some input data is in other languages.\nTell me about Berlin",
              },
              mm2: { merged_message: "Fake message" },
            },
            expectedCalls: {
              "llm#1": { messages },
              "mm1#1": { messages, metadata: { meta2: "value2", metadata_key: "metadata_value" } },
              "mm2#1": {
                messages: [ChatMessage.assistant("Fake message")],
                metadata: { meta2: "value2", metadata_key: "metadata_value" },
              },
              "prompt_builder#1": { prompt_source: messages },
            },
          },
        ],
      };
    }, mode);
  });
});
